import { Effect, Layer, Option, Schema } from "effect"
import { pageOfRead } from "../../../application/platform/page.js"
import {
  type VaultItem,
  VaultItems,
  type VaultItemsApi,
} from "../../../application/vault/vault-items-directory.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const VaultItemRow = Schema.Struct({
  item_id: Schema.String,
  version: Schema.Number,
  data_key_version: Schema.Number,
  iv: Schema.String,
  ciphertext: Schema.String,
  updated_at: Schema.String,
})
const decodeRow = Schema.decodeUnknownSync(VaultItemRow)

const toItem = (raw: unknown): VaultItem => {
  const row = decodeRow(raw)
  return {
    itemId: row.item_id,
    version: row.version,
    dataKeyVersion: row.data_key_version,
    iv: row.iv,
    ciphertext: row.ciphertext,
    updatedAt: row.updated_at,
  }
}

const columns = ["item_id", "version", "data_key_version", "iv", "ciphertext", "updated_at"] as const

export const makeSqlVaultItems = (database: Database): VaultItemsApi => {
  const { db } = database
  return {
    // Keyset on the primary key (vault_id, item_id): a page costs its own rows whatever its depth.
    page: (vaultId, { after, limit }) =>
      sqlEffect("vault items page", () => {
        let query = db.selectFrom("vault_items").select(columns).where("vault_id", "=", vaultId)
        if (after !== undefined) query = query.where("item_id", ">", after)
        return query
          .orderBy("item_id")
          .limit(limit + 1)
          .execute()
      }).pipe(
        Effect.map((rows) => {
          const page = pageOfRead(rows.map(toItem), limit, (item) => item.itemId)
          return page.next === null ? { items: page.items } : { items: page.items, next: page.next }
        }),
      ),
    get: (vaultId, itemId) =>
      sqlEffect("vault item", () =>
        db
          .selectFrom("vault_items")
          .select(columns)
          .where("vault_id", "=", vaultId)
          .where("item_id", "=", itemId)
          .executeTakeFirst(),
      ).pipe(Effect.map((row) => Option.map(Option.fromNullable(row), toItem))),
    lastChangedAt: (vaultId) =>
      sqlEffect("vault items changed", () =>
        db
          .selectFrom("vault_items")
          .select((eb) => eb.fn.max("updated_at").as("last"))
          .where("vault_id", "=", vaultId)
          .executeTakeFirst(),
      ).pipe(Effect.map((row) => Option.fromNullable(row?.last as string | null | undefined))),
  }
}

export const VaultItemsLive = (database: Database) => Layer.succeed(VaultItems, makeSqlVaultItems(database))
