import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { currentEnvelope } from "../../domain/vault/vault.js"
import type { KeyEnvelope, VaultProduct } from "../../domain/vault/vault-events.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { now } from "../platform/now.js"
import { type VaultItem, VaultItems } from "./vault-items-directory.js"
import { authorizedVault, runVault } from "./vault-streams.js"

/** The bundle's format name and version, which a client checks before opening it (docs/vault.md). */
export const exportFormat = "portcullis.vault-export"
export const exportFormatVersion = 1

/**
 * The whole vault as the client needs it to decrypt offline: the current envelope (the vault key
 * wrapped under the client key) and every item's ciphertext. Only the client key opens it, so the
 * bundle is as safe to keep as the vault; the server sees no item in clear to export.
 */
export interface VaultExportBundle {
  readonly format: typeof exportFormat
  readonly formatVersion: typeof exportFormatVersion
  readonly product: VaultProduct
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly envelope: KeyEnvelope
  readonly exportedAt: string
  readonly items: ReadonlyArray<VaultItem>
}

const pageSize = 500

/** Every item of the vault, in item-id order. */
const allItems = (vaultId: string) =>
  Effect.gen(function* () {
    const directory = yield* VaultItems
    const items: Array<VaultItem> = []
    let after: string | undefined
    do {
      const page = yield* directory.page(vaultId, { after, limit: pageSize })
      items.push(...page.items)
      after = page.next
    } while (after !== undefined)
    return items
  })

/**
 * The vault's export bundle, for a device that proves the current key, while the product offers
 * export (not after its end: the manual's "export is disabled"). Each export is recorded.
 */
export const exportVault = Effect.fn("Vault.export")(function* (
  accountId: string,
  product: VaultProduct,
  keyProof: string,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.export")
  const { vault, digest, loaded } = yield* authorizedVault(accountId, product, keyProof)
  const envelope = currentEnvelope(vault)
  if (envelope === undefined) return yield* Effect.dieMessage("an active vault has no current envelope")
  const items = yield* allItems(vault.vaultId)
  const at = yield* now
  // On the vault's version as read: a rotation or reset meanwhile makes this fail, not a stale bundle.
  yield* runVault(
    accountId,
    product,
    { _tag: "RecordExport", keyProofDigest: digest, itemCount: items.length, at },
    metadata,
    { loaded },
  )
  return {
    format: exportFormat,
    formatVersion: exportFormatVersion,
    product,
    vaultId: vault.vaultId,
    keyVersion: vault.key.version,
    dataKeyVersion: vault.dataKeyVersion,
    envelope: envelope.envelope,
    exportedAt: at,
    items,
  } satisfies VaultExportBundle
})
