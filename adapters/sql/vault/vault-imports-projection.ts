import { sql } from "kysely"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { vaultCodec } from "../../../domain/vault/vault.js"
import { VaultProduct } from "../../../domain/vault/vault-events.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(vaultCodec)

/** `vault-<accountId>-<product>`: the account id is a UUID, the product one of the vault products. */
const vaultStreamParts = (streamId: string) => {
  const product = VaultProduct.literals.find((p) => streamId.endsWith(`-${p}`))
  return product === undefined
    ? undefined
    : { accountId: streamId.slice("vault-".length, -(product.length + 1)), product }
}

/**
 * Every import into a vault from another product's, one row each: a switch report counts the
 * accounts that moved their data. A vault's reset erases its imports with the rest, so its rows go.
 */
export const vaultImportsProjection: Projection = {
  name: "vault_imports",
  version: 1,
  eventTypes: ["VaultImported", "VaultReset"],
  tables: [{ name: "vault_imports", key: ["import_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("vault_imports")
      .ifNotExists()
      .addColumn("import_id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("product", "text", (c) => c.notNull())
      .addColumn("from_product", "text", (c) => c.notNull())
      .addColumn("items", "integer", (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex("vault_imports_account_idx")
      .ifNotExists()
      .on("vault_imports")
      .columns(["account_id", "product"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("vault_imports").ifExists().execute()
  },
  apply: async (db, recorded: RecordedEvent) => {
    // Erased first: its data is gone (a reset vault), and its row went with the reset.
    if (recorded.erased) return
    const parts = vaultStreamParts(recorded.streamId)
    if (parts === undefined) return
    const event = decode(recorded)
    if (event._tag === "VaultReset") {
      await sql`delete from vault_imports where account_id = ${parts.accountId} and product = ${parts.product}`.execute(
        db,
      )
      return
    }
    if (event._tag !== "VaultImported") return
    await sql`insert into vault_imports (import_id, account_id, product, from_product, items, imported_at)
      values (${event.importId}, ${parts.accountId}, ${parts.product}, ${event.fromProduct}, ${event.items.length}, ${event.at})`.execute(
      db,
    )
  },
}
