import { productCodec } from "../../../domain/catalog/product.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(productCodec)

/** The catalogue as customers and operators list it. */
export const productsProjection: Projection = {
  name: "products",
  version: 1,
  eventTypes: productCodec.types,
  tables: [{ name: "products", key: ["product_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("products")
      .ifNotExists()
      .addColumn("product_id", "text", (c) => c.primaryKey())
      .addColumn("details", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("products").ifExists().execute()
  },
  apply: async (db, recorded) => {
    const event = decode(recorded)
    const productId = recorded.streamId.slice("product-".length)
    const row = { details: JSON.stringify(event.details), updated_at: event.at }
    await db
      .insertInto("products")
      .values({ product_id: productId, ...row })
      .onConflict((c) => c.column("product_id").doUpdateSet(row))
      .execute()
  },
}
