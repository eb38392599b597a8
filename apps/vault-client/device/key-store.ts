// Where a device keeps its client key, so that it unlocks with the account password alone. The
// browser's IndexedDB store lives in the portal (it needs the DOM); this interface and the memory
// store are what Node apps and tests use.
import type { VaultProduct } from "../api/wire.js"

export interface StoredVaultKey {
  readonly vaultId: string
  readonly keyVersion: number
  /** The salt of the envelope this key opened; a rotation elsewhere changes it. */
  readonly salt: string
  /** Canonical form (36 symbols). */
  readonly clientKey: string
  /** A new key made by a rotation not yet confirmed by the server: kept so a lost answer loses no key. */
  readonly pending?: { readonly keyVersion: number; readonly salt: string; readonly clientKey: string }
}

/** The storage a device offers for its client key. */
export interface DeviceKeyStore {
  get(product: VaultProduct): Promise<StoredVaultKey | undefined>
  put(product: VaultProduct, entry: StoredVaultKey): Promise<void>
  remove(product: VaultProduct): Promise<void>
}

export const memoryKeyStore = (): DeviceKeyStore => {
  const entries = new Map<VaultProduct, StoredVaultKey>()
  return {
    get: async (product) => entries.get(product),
    put: async (product, entry) => {
      entries.set(product, entry)
    },
    remove: async (product) => {
      entries.delete(product)
    },
  }
}
