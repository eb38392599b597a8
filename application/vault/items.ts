import { Effect, Option } from "effect"
import type { EventMetadata, Instant } from "../../domain/kernel/index.js"
import {
  type VaultCommand,
  VaultItemNotFound,
  vault,
  vaultItemStreamId,
  vaultStreamId,
} from "../../domain/vault/vault.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { type VaultItemCommand, type VaultItemState, vaultItem } from "../../domain/vault/vault-item.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { now } from "../platform/now.js"
import { eraseDeletedItem } from "./vault-erasure.js"
import { VaultItems } from "./vault-items-directory.js"
import { authorizedVault, countWrongProof, keyProofDigest } from "./vault-streams.js"

export interface SaveVaultItemInput {
  /** The version the device read and wrote over; 0 for a new item. */
  readonly baseVersion: number
  readonly dataKeyVersion: number
  readonly iv: string
  readonly ciphertext: string
}

/** A page of the vault's items in item-id order, for a device that proves the current key. */
export const listVaultItems = Effect.fn("Vault.listItems")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  request: { readonly after?: string | undefined; readonly limit: number },
) {
  yield* requireCapability(product, "vault.read")
  const { vault } = yield* authorizedVault(accountId, product, keyProof)
  return yield* (yield* VaultItems).page(vault.vaultId, request)
})

export const readVaultItem = Effect.fn("Vault.readItem")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  itemId: string,
) {
  yield* requireCapability(product, "vault.read")
  const { vault } = yield* authorizedVault(accountId, product, keyProof)
  const item = yield* (yield* VaultItems).get(vault.vaultId, itemId)
  return Option.isSome(item) ? item.value : yield* new VaultItemNotFound()
})

/**
 * Decides `vaultCommand` on the vault and `itemCommand` on the item's stream, and appends both at
 * once: the vault's write (often without events) guards its version, so a rotation or reset that
 * lands in between makes the change be decided again, and refused.
 */
const onVaultAndItem = <A>(
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  decide: (
    digest: string,
    at: Instant,
  ) => {
    readonly vaultCommand: VaultCommand
    readonly itemId: string
    readonly itemCommand: VaultItemCommand
    readonly result: (item: VaultItemState) => A
  },
  metadata: EventMetadata,
) =>
  Effect.gen(function* () {
    const digest = yield* keyProofDigest(keyProof)
    return yield* commitAtomically(
      Effect.gen(function* () {
        const { vaultCommand, itemId, itemCommand, result } = decide(digest, yield* now)
        const onVault = yield* decideOn(vault, vaultStreamId(accountId, product), vaultCommand)
        const vaultId = onVault.decidedOn._tag === "Active" ? onVault.decidedOn.vault.vaultId : ""
        const onItem = yield* decideOn(vaultItem, vaultItemStreamId(accountId, vaultId, itemId), itemCommand)
        return {
          writes: [onVault.write, onItem.write],
          options: { metadata },
          result: { vaultId, value: result(onItem.state) },
        }
      }),
    ).pipe(
      Effect.catchIf(
        (error) => error._tag === "VaultKeyIncorrect",
        (error) => countWrongProof(accountId, error),
      ),
    )
  })

/** Saves an item (`AuthorizeItemWrite` on the vault + `SaveItem` on the item, in one append). */
export const saveVaultItem = Effect.fn("Vault.saveItem")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  itemId: string,
  input: SaveVaultItemInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.write")
  const { value } = yield* onVaultAndItem(
    accountId,
    product,
    keyProof,
    (keyProofDigest, at) => ({
      vaultCommand: {
        _tag: "AuthorizeItemWrite",
        keyProofDigest,
        itemId,
        dataKeyVersion: input.dataKeyVersion,
        at,
      },
      itemId,
      itemCommand: { _tag: "SaveItem", ...input, at },
      result: (item) =>
        item._tag === "Present" ? { itemId, version: item.version, updatedAt: item.savedAt } : undefined,
    }),
    metadata,
  )
  return value ?? (yield* Effect.dieMessage("SaveItem was decided without an item"))
})

/** Deletes an item (`RemoveItem` + `DeleteItem` in one append), then erases every save it had. */
export const deleteVaultItem = Effect.fn("Vault.deleteItem")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  itemId: string,
  baseVersion: number,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.write")
  const { vaultId } = yield* onVaultAndItem(
    accountId,
    product,
    keyProof,
    (keyProofDigest, at) => ({
      vaultCommand: { _tag: "RemoveItem", keyProofDigest, itemId, at },
      itemId,
      itemCommand: { _tag: "DeleteItem", baseVersion, at },
      result: () => undefined,
    }),
    metadata,
  )
  // Also when the delete was a repeat: it finishes an erasure a crash cut short.
  yield* eraseDeletedItem(accountId, vaultId, itemId, metadata)
})
