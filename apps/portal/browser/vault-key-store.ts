// The portal's DeviceKeyStore (decision 43): the client key kept in IndexedDB, sealed with AES-GCM
// under a device key that is a non-extractable CryptoKey in the same database. A script of this
// origin can use the device key but never read its bytes out; the browser still writes them into the
// profile's files, so a copy of the profile opens the entry: the device's own protection guards it
// (decision 43). A signed-in account reaches only its own entry.
import type { VaultProduct } from "../../vault-client/api/wire.js"
import type { DeviceKeyStore, StoredVaultKey } from "../../vault-client/device/key-store.js"

const databaseName = "portcullis-vault"
const storeName = "keys"
const deviceKeyName = "device-key"

interface Sealed {
  readonly iv: Uint8Array<ArrayBuffer>
  readonly ciphertext: ArrayBuffer
}

const request = <A>(r: IDBRequest<A>) =>
  new Promise<A>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })

// One connection per page: every call used to open its own, and a page of many reads held many.
let connection: Promise<IDBDatabase> | undefined
const open = () => {
  connection ??= new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(databaseName, 1)
    r.onupgradeneeded = () => r.result.createObjectStore(storeName)
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  return connection
}

const store = async (mode: IDBTransactionMode) =>
  (await open()).transaction(storeName, mode).objectStore(storeName)

/**
 * The device key, made on first use; structured clone keeps a CryptoKey non-extractable. Two tabs
 * opening their first vault at once must agree on one key, or the loser's sealed entry could never
 * be opened again: the candidate is made first, then read-or-put in a single readwrite transaction
 * (IndexedDB runs those one at a time), so the first key stored is the one every tab uses.
 */
const makeDeviceKey = async (): Promise<CryptoKey> => {
  const candidate = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
    "encrypt",
    "decrypt",
  ])
  const keys = await store("readwrite")
  return new Promise<CryptoKey>((resolve, reject) => {
    const read = keys.get(deviceKeyName)
    read.onerror = () => reject(read.error)
    read.onsuccess = () => {
      const existing = read.result as CryptoKey | undefined
      if (existing !== undefined) return resolve(existing)
      const write = keys.put(candidate, deviceKeyName)
      write.onerror = () => reject(write.error)
      keys.transaction.oncomplete = () => resolve(candidate)
      keys.transaction.onerror = () => reject(keys.transaction.error)
    }
  })
}

let deviceKeyOfPage: Promise<CryptoKey> | undefined
const deviceKey = (): Promise<CryptoKey> => {
  // Made (or read) once per page; a failure is not remembered, so the next call tries again.
  deviceKeyOfPage ??= makeDeviceKey().catch((error: unknown) => {
    deviceKeyOfPage = undefined
    throw error
  })
  return deviceKeyOfPage
}

const encoder = new TextEncoder()

/** One entry per account and product (`scope` is the account id: two accounts in one browser keep apart). */
export const indexedDbKeyStore = (scope: string): DeviceKeyStore => {
  const name = (product: VaultProduct) => `${scope}:${product}`
  // The entry's name is the additional data: a sealed entry moved to another account's name does not open.
  const aad = (product: VaultProduct) => encoder.encode(name(product))
  return {
    get: async (product) => {
      const sealed = (await request((await store("readonly")).get(name(product)))) as Sealed | undefined
      if (sealed === undefined) return undefined
      try {
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: sealed.iv, additionalData: aad(product) },
          await deviceKey(),
          sealed.ciphertext,
        )
        return JSON.parse(new TextDecoder().decode(plain)) as StoredVaultKey
      } catch {
        // Sealed under a device key since replaced: as good as no key, so the page asks for it.
        return undefined
      }
    },
    put: async (product, entry) => {
      const key = await deviceKey()
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const ciphertext = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: aad(product) },
        key,
        encoder.encode(JSON.stringify(entry)),
      )
      await request((await store("readwrite")).put({ iv, ciphertext } satisfies Sealed, name(product)))
    },
    remove: async (product) => {
      await request((await store("readwrite")).delete(name(product)))
    },
  }
}
