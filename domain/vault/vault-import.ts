import { Either, HashSet } from "effect"
import { VaultDataKeyStale, type VaultError, VaultFull, VaultImportInvalid } from "./vault-errors.js"
import { type VaultEvent, VaultImported, VaultItemAdded } from "./vault-events.js"
import { type ActiveVault, type VaultCommand, vaultRules } from "./vault-state.js"

// An import into an open vault (decision 56): the client read another product's vault, decrypted
// it and re-encrypted what this vault can hold, so the rules here see only ids and source digests.

type RecordImport = Extract<VaultCommand, { readonly _tag: "RecordImport" }>

const hasDuplicates = (values: ReadonlyArray<string>) => new Set(values).size !== values.length

/**
 * The items whose source was never imported are added, each with its `VaultItemAdded` (which a
 * reset reads to find the item streams), then the import is recorded. An import sent again, or
 * one that would add nothing, is `[]`.
 */
export const decideImport = (
  command: RecordImport,
  vault: ActiveVault,
): Either.Either<ReadonlyArray<VaultEvent>, VaultError> => {
  const { importId, fromProduct, items, at } = command
  if (fromProduct === vault.product) return Either.left(new VaultImportInvalid({ reason: "same-product" }))
  if (vault.importIds.has(importId)) return Either.right([])
  if (hasDuplicates(items.map((i) => i.itemId)) || hasDuplicates(items.map((i) => i.sourceRef))) {
    return Either.left(new VaultImportInvalid({ reason: "duplicate-item" }))
  }
  if (command.dataKeyVersion !== vault.dataKeyVersion) {
    return Either.left(new VaultDataKeyStale({ dataKeyVersion: vault.dataKeyVersion }))
  }
  const fresh = items.filter((item) => !vault.importedSources.has(item.sourceRef))
  if (fresh.length === 0) return Either.right([])
  if (fresh.some((item) => HashSet.has(vault.itemIds, item.itemId))) {
    return Either.left(new VaultImportInvalid({ reason: "duplicate-item" }))
  }
  if (HashSet.size(vault.itemIds) + fresh.length > vaultRules.itemLimit) {
    return Either.left(new VaultFull({ limit: vaultRules.itemLimit }))
  }
  return Either.right([
    ...fresh.map((item) => VaultItemAdded.make({ itemId: item.itemId, at })),
    VaultImported.make({
      importId,
      fromProduct,
      items: fresh.map(({ itemId, sourceRef }) => ({ itemId, sourceRef })),
      alreadyThere: items.length - fresh.length,
      skippedCount: command.skippedCount,
      at,
    }),
  ])
}

/** Where each item of an import is now: its own id if this import (or its first sending) added it. */
export const importOutcome = (
  vault: ActiveVault,
  items: ReadonlyArray<{ readonly itemId: string; readonly sourceRef: string }>,
) => {
  const imported = items.filter((item) => vault.importedSources.get(item.sourceRef) === item.itemId)
  return { imported: imported.length, alreadyThere: items.length - imported.length }
}
