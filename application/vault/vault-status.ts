import { Effect, HashSet, Option } from "effect"
import { currentEnvelope } from "../../domain/vault/vault.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { VaultItems } from "./vault-items-directory.js"
import { loadVault } from "./vault-streams.js"

export interface VaultDeviceStatus {
  readonly deviceId: string
  readonly name: string
  readonly keyVersion: number
  readonly firstUnlockedAt: string
  readonly lastUnlockedAt: string
}

/**
 * The vault as its owner and support see it: never a key, a proof digest, an envelope's wrapped key
 * or a ciphertext. The salt is public (a device needs it to derive the proof before it unlocks).
 */
export interface VaultStatus {
  readonly product: VaultProduct
  readonly state: "not-activated" | "active" | "reset"
  readonly vaultId?: string
  readonly keyVersion?: number
  readonly dataKeyVersion?: number
  readonly salt?: string
  readonly activatedAt?: string
  readonly keyRotatedAt?: string
  readonly resetAt?: string
  readonly itemCount: number
  readonly devices: ReadonlyArray<VaultDeviceStatus>
  readonly lastActivityAt?: string
}

const later = (a: string, b: Option.Option<string>) => (Option.isSome(b) && b.value > a ? b.value : a)

/** The same answer for `GET /v1/account/vault/:product` and `portcullis vault status`. */
export const vaultStatus = Effect.fn("Vault.status")(function* (accountId: string, product: VaultProduct) {
  const { state } = yield* loadVault(accountId, product)
  switch (state._tag) {
    case "Unactivated":
      return { product, state: "not-activated", itemCount: 0, devices: [] } satisfies VaultStatus
    case "Reset":
      return {
        product,
        state: "reset",
        vaultId: state.vaultId,
        resetAt: state.resetAt,
        itemCount: 0,
        devices: [],
      } satisfies VaultStatus
    case "Active": {
      const { vault } = state
      const envelope = currentEnvelope(vault)
      // Saves of known items touch only their own streams: the read model knows when they were.
      const itemsChanged = yield* (yield* VaultItems).lastChangedAt(vault.vaultId)
      return {
        product,
        state: "active",
        vaultId: vault.vaultId,
        keyVersion: vault.key.version,
        dataKeyVersion: vault.dataKeyVersion,
        ...(envelope === undefined ? {} : { salt: envelope.envelope.salt }),
        activatedAt: vault.activatedAt,
        ...(vault.key.version > 1 ? { keyRotatedAt: vault.key.since } : {}),
        itemCount: HashSet.size(vault.itemIds),
        devices: [...vault.devices.values()].map(
          ({ deviceId, name, keyVersion, firstUnlockedAt, lastUnlockedAt }) => ({
            deviceId,
            name,
            keyVersion,
            firstUnlockedAt,
            lastUnlockedAt,
          }),
        ),
        lastActivityAt: later(vault.lastActivityAt, itemsChanged),
      } satisfies VaultStatus
    }
  }
})
