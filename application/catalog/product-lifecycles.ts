import { Context, type Effect, type Option } from "effect"
import type { LocalisedName } from "../../domain/catalog/product.js"
import type { ProductLifecycle } from "../../domain/catalog/product-lifecycle.js"

export interface ProductLifecycleRecord {
  readonly productId: string
  readonly names: typeof LocalisedName.Type
  readonly lifecycle: ProductLifecycle
}

/** Products' lifecycles from the catalogue's read model: what the phase gates read on every call. */
export interface ProductLifecyclesApi {
  readonly view: (productId: string) => Effect.Effect<Option.Option<ProductLifecycleRecord>>
  /** Every product whose lifecycle is not `Active`, for the sweep and the status. */
  readonly scheduled: Effect.Effect<ReadonlyArray<ProductLifecycleRecord>>
}

export class ProductLifecycles extends Context.Tag("application/ProductLifecycles")<
  ProductLifecycles,
  ProductLifecyclesApi
>() {}
