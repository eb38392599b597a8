import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { importOutcome, vault, vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { vaultItem } from "../../domain/vault/vault-item.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { countWrongProof, keyProofDigest } from "./vault-streams.js"

/** The purpose a source item's reference is digested under (docs/vault.md "Import"). */
export const vaultImportSourcePurpose = "vault-import-source"

/** One item of another product's vault, re-encrypted by the client for this vault as a new item. */
export interface ImportedVaultItem {
  /** The item's id in the vault it came from. */
  readonly sourceItemId: string
  readonly itemId: string
  readonly iv: string
  readonly ciphertext: string
}

export interface ImportIntoVaultInput {
  /** The client's id for this import: sent again, it is the same import. */
  readonly importId: string
  readonly fromProduct: VaultProduct
  readonly dataKeyVersion: number
  readonly items: ReadonlyArray<ImportedVaultItem>
  /** How many items the client could not move (the kinds this vault cannot hold). */
  readonly notMoved: number
}

export interface VaultImportResult {
  readonly importId: string
  readonly imported: number
  readonly alreadyThere: number
  readonly notMoved: number
}

/**
 * Copies items of `fromProduct`'s vault into this one (decision 56): the vault stream and every new
 * item's stream in one append, so an import is whole or not at all. The client decrypted and
 * re-encrypted the items; the server keeps of each source only a keyed digest of its id, by which a
 * second run finds it already there. The source is only read, which its end still allows.
 */
export const importIntoVault = Effect.fn("Vault.import")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  input: ImportIntoVaultInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.write")
  yield* requireCapability(input.fromProduct, "vault.read")
  const digest = yield* keyProofDigest(keyProof)
  const keyed = yield* KeyedDigest
  const items = yield* Effect.forEach(input.items, (item) =>
    Effect.map(
      keyed.digest(vaultImportSourcePurpose, `${input.fromProduct}.${item.sourceItemId}`),
      (sourceRef) => ({ ...item, sourceRef }),
    ),
  )
  return yield* commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const onVault = yield* decideOn(vault, vaultStreamId(accountId, product), {
        _tag: "RecordImport",
        keyProofDigest: digest,
        importId: input.importId,
        fromProduct: input.fromProduct,
        dataKeyVersion: input.dataKeyVersion,
        items: items.map(({ itemId, sourceRef }) => ({ itemId, sourceRef })),
        skippedCount: input.notMoved,
        at,
      })
      if (onVault.state._tag !== "Active")
        return yield* Effect.dieMessage("RecordImport decided without a vault")
      const after = onVault.state.vault
      const added = new Set(onVault.events.flatMap((e) => (e._tag === "VaultItemAdded" ? [e.itemId] : [])))
      const saves = yield* Effect.forEach(
        items.filter((item) => added.has(item.itemId)),
        (item) =>
          decideOn(vaultItem, vaultItemStreamId(accountId, after.vaultId, item.itemId), {
            _tag: "SaveItem",
            baseVersion: 0,
            dataKeyVersion: input.dataKeyVersion,
            iv: item.iv,
            ciphertext: item.ciphertext,
            at,
          }),
      )
      return {
        writes: [onVault.write, ...saves.map((save) => save.write)],
        options: { metadata },
        result: {
          importId: input.importId,
          ...importOutcome(after, items),
          notMoved: input.notMoved,
        } satisfies VaultImportResult,
      }
    }),
  ).pipe(
    Effect.catchIf(
      (error) => error._tag === "VaultKeyIncorrect",
      (error) => countWrongProof(accountId, error),
    ),
  )
})
