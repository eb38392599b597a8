import { Context, type Effect } from "effect"
import type { ProductDetails } from "../../domain/catalog/product.js"

export interface CatalogDirectoryApi {
  readonly list: Effect.Effect<ReadonlyArray<ProductDetails & { readonly productId: string }>>
}

export class CatalogDirectory extends Context.Tag("application/CatalogDirectory")<
  CatalogDirectory,
  CatalogDirectoryApi
>() {}
