import { Schema } from "effect"
import { ProductDetails } from "../../../domain/catalog/product.js"
import type { Database } from "../database.js"

const ProductRow = Schema.Struct({ product_id: Schema.String, details: Schema.parseJson(ProductDetails) })
const decodeRow = Schema.decodeUnknownSync(ProductRow)

export const listProducts = async (database: Database) =>
  (await database.db.selectFrom("products").selectAll().orderBy("product_id").execute()).map((raw) => {
    const row = decodeRow(raw)
    return { productId: row.product_id, ...row.details }
  })
