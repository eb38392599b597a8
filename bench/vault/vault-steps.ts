// The session keeps its key proof to itself; the ciphertext-only contender derives it the way
// `unlockVault` does, to page through the same items without decrypting them.
import { fromBase64Url } from "../../apps/vault-client/crypto/bytes.js"
import { deriveKeys } from "../../apps/vault-client/crypto/vault-crypto.js"
import {
  activateVault,
  createVaultApi,
  memoryKeyStore,
  type VaultItemContent,
  type VaultProduct,
} from "../../apps/vault-client/index.js"
import { call } from "../http/seed.js"

const product: VaultProduct = "id-protection"

const content = (index: number, edit: number): VaultItemContent => ({
  kind: "login",
  title: `Shop ${index}`,
  username: `customer${index}@example.co.jp`,
  password: `Kagi-${index}-${edit}-Mori#Tsuki`,
  url: `https://shop${index}.example.co.jp/login`,
  notes: "Two-factor codes come by e-mail.",
})

/** What one step of the measured loop does, each answering how many of its unit it handled (1). */
export interface VaultSteps {
  readonly bare: () => Promise<number>
  readonly licenceList: () => Promise<number>
  readonly ciphertexts: () => Promise<number>
  readonly decrypted: () => Promise<number>
  readonly save: () => Promise<number>
  /** Secrets of this vault, for the fixture to look for in the server's log when it closes. */
  readonly secrets: ReadonlyArray<string>
}

/**
 * Activates a vault on the account with the client library over the platform fetch (the library's
 * default), fills it with `itemCount` login items, and binds the contenders to it.
 */
export const vaultSteps = async (
  base: string,
  auth: { readonly token: string; readonly password: string },
  itemCount: number,
): Promise<VaultSteps> => {
  const headers = { authorization: `Bearer ${auth.token}` }
  const api = createVaultApi({ baseUrl: base, headers })
  const device = { id: globalThis.crypto.randomUUID(), name: "Bench" }
  const { session, clientKey } = await activateVault({
    api,
    product,
    device,
    keyStore: memoryKeyStore(),
    password: auth.password,
  })
  const items: Array<{ itemId: string; version: number }> = []
  for (let i = 0; i < itemCount; i++) {
    const saved = await session.save({ baseVersion: 0, content: content(i, 0) })
    items.push({ itemId: saved.itemId, version: saved.version })
  }
  const status = await api.status(product)
  if (status.salt === undefined) throw new Error(`the vault is ${status.state} after activation`)
  const { keyProof } = await deriveKeys(clientKey, fromBase64Url(status.salt))

  // A wrong count would make the rates mean something else: stop rather than print them.
  const expect = (what: string, count: number) => {
    if (count !== itemCount) throw new Error(`${what} answered ${count} items, expected ${itemCount}`)
  }
  let next = 0
  let edits = 0
  return {
    bare: async () => {
      await call(base, "/bench/bare")
      return 1
    },
    licenceList: async () => {
      await call(base, "/v1/licenses", { headers })
      return 1
    },
    ciphertexts: async () => {
      let count = 0
      let after: string | undefined
      do {
        const page = await api.listItems(product, keyProof, after === undefined ? {} : { after })
        count += page.items.length
        after = page.next
      } while (after !== undefined)
      expect("the ciphertext pages", count)
      return 1
    },
    decrypted: async () => {
      expect("session.items()", (await session.items()).length)
      return 1
    },
    // An edit, round-robin over the items, on top of the version this device last wrote: the vault
    // keeps its size, so the lists measure the same vault throughout.
    save: async () => {
      const index = next++ % items.length
      const item = items[index]!
      const saved = await session.save({
        itemId: item.itemId,
        baseVersion: item.version,
        content: content(index, ++edits),
      })
      item.version = saved.version
      return 1
    },
    secrets: [clientKey.canonical, keyProof],
  }
}
