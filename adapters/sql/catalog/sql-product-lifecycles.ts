import { Effect, Option, Schema } from "effect"
import type {
  ProductLifecycleRecord,
  ProductLifecyclesApi,
} from "../../../application/catalog/product-lifecycles.js"
import { LocalisedName } from "../../../domain/catalog/product.js"
import { ProductLifecycle } from "../../../domain/catalog/product-lifecycle.js"
import type { Database } from "../database.js"
import { quickSelect } from "../quick-select.js"
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

/**
 * One primary-key read per gate: the catalogue is small and the row is the whole answer. The row is
 * read every time (another instance may have ended the product); only its decoding is kept, for as
 * long as the row's text is the same.
 */
export const makeSqlProductLifecycles = (database: Database): ProductLifecyclesApi => {
  const byId = database.db
    .selectFrom("products")
    .select(["product_id", "details", "lifecycle"])
    .where("product_id", "=", "")
    .compile()
  const decoded = new Map<
    string,
    { readonly details: unknown; readonly lifecycle: unknown; readonly record: ProductLifecycleRecord }
  >()
  const recordOf = (raw: Record<string, unknown>): ProductLifecycleRecord => {
    const productId = String(raw.product_id)
    const kept = decoded.get(productId)
    if (kept !== undefined && kept.details === raw.details && kept.lifecycle === raw.lifecycle)
      return kept.record
    const record = toRecord(raw)
    decoded.set(productId, { details: raw.details, lifecycle: raw.lifecycle, record })
    return record
  }
  return {
    view: (productId) =>
      Effect.map(quickSelect("product lifecycle", database, byId, [productId]), ([raw]) =>
        raw === undefined ? Option.none() : Option.some(recordOf(raw)),
      ),
    scheduled: sqlEffect("scheduled products", () =>
      database.db
        .selectFrom("products")
        .select(["product_id", "details", "lifecycle"])
        .where("phase", "!=", "active")
        .orderBy("product_id")
        .execute(),
    ).pipe(Effect.map((rows) => rows.map(toRecord))),
  }
}
