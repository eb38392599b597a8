import { Data, Effect } from "effect"
import { type ProductDetails, product, productStreamId } from "../../domain/catalog/product.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { systemActor } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { now } from "../platform/now.js"

/** No product has this id in the catalogue. */
export class ProductNotFound extends Data.TaggedError("ProductNotFound")<{ readonly productId: string }> {}

/** Adds a product to the catalogue, or brings its details up to date; the same details change nothing. */
export const catalogProduct = Effect.fn("Catalog.catalogProduct")(function* (
  productId: string,
  details: ProductDetails,
  metadata: EventMetadata,
) {
  const at = yield* now
  const result = yield* runCommand(
    product,
    productStreamId(productId),
    { _tag: "Catalog", productId, details, at },
    { metadata },
  )
  return { productId, changed: result.events.length > 0 }
})

export const seedSampleCatalog = (metadata: EventMetadata = { actor: systemActor("catalog-seed") }) =>
  Effect.forEach(sampleCatalog, (entry) => catalogProduct(entry.productId, entry.details, metadata))

export const findProduct = (productId: string) =>
  Effect.map(loadAggregate(product, productStreamId(productId)), ({ state }) =>
    state._tag === "Cataloged" ? state : undefined,
  )
