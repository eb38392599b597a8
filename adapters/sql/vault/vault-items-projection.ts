import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { vaultCodec } from "../../../domain/vault/vault.js"
import { vaultItemCodec } from "../../../domain/vault/vault-item.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decodeItem = decodeWith(vaultItemCodec)
const decodeVault = decodeWith(vaultCodec)
const itemStreamPrefix = "vault-item-"

/** `vault-item-<accountId>.<vaultId>.<itemId>`: UUIDs, so the dots only separate. */
const itemStreamParts = (streamId: string) => {
  const [accountId, vaultId, itemId] = streamId.slice(itemStreamPrefix.length).split(".")
  return { accountId: accountId ?? "", vaultId: vaultId ?? "", itemId: itemId ?? "" }
}

/**
 * The latest save of every live vault item, which the item list and reads page through. It never
 * reads an envelope: only ciphertexts the client made. A replay meets the erased saves (deleted
 * items, re-encrypted versions, reset vaults) without data and skips them, so it ends with the rows
 * the live table has: what was erased had been replaced or deleted there already.
 */
export const vaultItemsProjection: Projection = {
  name: "vault_items",
  version: 1,
  eventTypes: [...vaultItemCodec.types, "VaultReset"],
  tables: [{ name: "vault_items", key: ["vault_id", "item_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("vault_items")
      .ifNotExists()
      .addColumn("vault_id", "text", (c) => c.notNull())
      .addColumn("item_id", "text", (c) => c.notNull())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("data_key_version", "integer", (c) => c.notNull())
      .addColumn("iv", "text", (c) => c.notNull())
      .addColumn("ciphertext", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("changed_position", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("vault_items_pk", ["vault_id", "item_id"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("vault_items").ifExists().execute()
  },
  apply: async (db, recorded: RecordedEvent) => {
    // Erased first: its data is gone, and the codec would refuse the null.
    if (recorded.erased) return
    if (recorded.type === "VaultReset") {
      const event = decodeVault(recorded)
      if (event._tag === "VaultReset") {
        await db.deleteFrom("vault_items").where("vault_id", "=", event.vaultId).execute()
      }
      return
    }
    const { accountId, vaultId, itemId } = itemStreamParts(recorded.streamId)
    const event = decodeItem(recorded)
    switch (event._tag) {
      case "VaultItemSaved": {
        const row = {
          version: event.version,
          data_key_version: event.dataKeyVersion,
          iv: event.iv,
          ciphertext: event.ciphertext,
          updated_at: event.at,
          changed_position: recorded.position,
        }
        await db
          .insertInto("vault_items")
          .values({ vault_id: vaultId, item_id: itemId, account_id: accountId, ...row })
          .onConflict((c) => c.columns(["vault_id", "item_id"]).doUpdateSet(row))
          .execute()
        return
      }
      case "VaultItemDeleted":
        await db
          .deleteFrom("vault_items")
          .where("vault_id", "=", vaultId)
          .where("item_id", "=", itemId)
          .execute()
        return
    }
  },
}
