import { Effect, Option, Schema } from "effect"
import type {
  ProductLifecycleRecord,
  ProductLifecyclesApi,
} from "../../../application/catalog/product-lifecycles.js"
import { LocalisedName } from "../../../domain/catalog/product.js"
import { ProductLifecycle } from "../../../domain/catalog/product-lifecycle.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const LifecycleRow = Schema.Struct({
  product_id: Schema.String,
  details: Schema.parseJson(Schema.Struct({ names: LocalisedName })),
  lifecycle: Schema.parseJson(ProductLifecycle),
})
const decodeRow = Schema.decodeUnknownSync(LifecycleRow)

const toRecord = (raw: unknown): ProductLifecycleRecord => {
  const row = decodeRow(raw)
  return { productId: row.product_id, names: row.details.names, lifecycle: row.lifecycle }
}

/** One primary-key read per gate: the catalogue is small and the row is the whole answer. */
export const makeSqlProductLifecycles = (database: Database): ProductLifecyclesApi => ({
  view: (productId) =>
    sqlEffect("product lifecycle", () =>
      database.db
        .selectFrom("products")
        .select(["product_id", "details", "lifecycle"])
        .where("product_id", "=", productId)
        .executeTakeFirst(),
    ).pipe(Effect.map((raw) => (raw === undefined ? Option.none() : Option.some(toRecord(raw))))),
  scheduled: sqlEffect("scheduled products", () =>
    database.db
      .selectFrom("products")
      .select(["product_id", "details", "lifecycle"])
      .where("phase", "!=", "active")
      .orderBy("product_id")
      .execute(),
  ).pipe(Effect.map((rows) => rows.map(toRecord))),
})
