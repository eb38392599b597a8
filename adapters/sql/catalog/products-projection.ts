import { Schema } from "effect"
import {
  ProductDetails,
  type ProductState,
  productCodec,
  productDecider,
} from "../../../domain/catalog/product.js"
import { ProductLifecycle } from "../../../domain/catalog/product-lifecycle.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(productCodec)

const StoredProduct = Schema.Struct({
  details: Schema.parseJson(ProductDetails),
  lifecycle: Schema.parseJson(ProductLifecycle),
})
const decodeStored = Schema.decodeUnknownSync(StoredProduct)

/** The catalogue as customers and operators list it, with each product's lifecycle. */
export const productsProjection: Projection = {
  name: "products",
  // 2: the lifecycle (and its phase and instant as columns), changed_position for the gates' cache.
  version: 2,
  eventTypes: productCodec.types,
  tables: [{ name: "products", key: ["product_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("products")
      .ifNotExists()
      .addColumn("product_id", "text", (c) => c.primaryKey())
      .addColumn("details", "text", (c) => c.notNull())
      .addColumn("lifecycle", "text", (c) => c.notNull())
      .addColumn("phase", "text", (c) => c.notNull())
      .addColumn("ends_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      // The position of the last event that changed the row: the gates' cache compares the highest.
      .addColumn("changed_position", "bigint", (c) => c.notNull())
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("products").ifExists().execute()
  },
  apply: async (db, recorded) => {
    const event = decode(recorded)
    const productId = recorded.streamId.slice("product-".length)
    const stored = await db
      .selectFrom("products")
      .select(["details", "lifecycle"])
      .where("product_id", "=", productId)
      .executeTakeFirst()
    // The row is the stream's state, folded by the decider's own evolve: one rule for both.
    const before: ProductState =
      stored === undefined ? { _tag: "Absent" } : { _tag: "Cataloged", productId, ...decodeStored(stored) }
    const after = productDecider.evolve(before, event)
    if (after._tag !== "Cataloged") return
    const { lifecycle } = after
    const row = {
      details: JSON.stringify(after.details),
      lifecycle: JSON.stringify(lifecycle),
      phase:
        lifecycle._tag === "Active" ? "active" : lifecycle._tag === "Ended" ? "ended" : "sunset-scheduled",
      ends_at: lifecycle._tag === "Active" ? null : lifecycle.endsAt,
      updated_at: event.at,
      changed_position: recorded.position,
    }
    await db
      .insertInto("products")
      .values({ product_id: productId, ...row })
      .onConflict((c) => c.column("product_id").doUpdateSet(row))
      .execute()
  },
}
