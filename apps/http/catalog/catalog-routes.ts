import { Effect, Option, Schema } from "effect"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { ProductNotFound } from "../../../application/catalog/catalog-product.js"
import { sunsetStatus } from "../../../application/catalog/sunsets.js"
import { pageOf } from "../../../application/platform/page.js"
import { ProductPhase } from "../../../domain/catalog/product-lifecycle.js"
import { Instant } from "../../../domain/kernel/index.js"
import { defineFeature } from "../shell/feature.js"
import { PageQuery, pageFields, pageRequestOf } from "../shell/page-query.js"
import { defineRoute } from "../shell/route.js"
import { LocalisedText, Url } from "../shell/wire.js"

const Product = Schema.Struct({
  productId: Schema.String,
  names: LocalisedText,
  packages: Schema.Array(Schema.Struct({ id: Schema.String, names: LocalisedText })),
  consoleUrl: Url.annotations({ description: "Where the product's own console is" }),
  expiringSoonDays: Schema.Int.annotations({
    description: "How many days before expiry its licences count as expiring soon",
  }),
}).annotations({ identifier: "Product" })

const ProductList = Schema.Struct({ products: Schema.Array(Product), ...pageFields }).annotations({
  identifier: "ProductList",
})

const ProductStatus = Schema.Struct({
  productId: Schema.String,
  names: LocalisedText,
  phase: ProductPhase.annotations({
    description:
      "active; sunset-scheduled (it ends at endsAt); ended (from endsAt, whether or not recorded yet)",
  }),
  endsAt: Schema.optional(Instant.annotations({ description: "When the product ends" })),
  endedAt: Schema.optional(Instant.annotations({ description: "When it ended" })),
  successor: Schema.optional(Schema.String.annotations({ description: "The product to move to" })),
  successorNames: Schema.optional(LocalisedText),
}).annotations({ identifier: "ProductStatus" })

export const ProductParams = Schema.Struct({
  productId: Schema.String.pipe(Schema.pattern(/^[a-z0-9-]{1,64}$/)),
})

/** One mapping for every feature that names a product in its path. */
export const productNotFoundProblem = {
  status: 404,
  slug: "product-not-found",
  title: "Product not found",
  detail: (error: ProductNotFound) => `No product ${error.productId} is in the catalogue.`,
}

export const catalogFeature = defineFeature({
  name: "catalog",
  routes: [
    defineRoute({
      method: "GET",
      path: "/v1/products",
      summary: "The product catalogue",
      tags: ["catalog"],
      auth: "none",
      responses: { 200: { description: "Every product with its packages", schema: ProductList } },
      failures: { InvalidCursor: true },
      query: PageQuery,
      handler: ({ query }) =>
        Effect.flatMap(CatalogDirectory, (c) => c.list).pipe(
          Effect.flatMap((all) => pageOf(all, (product) => product.productId, pageRequestOf(query))),
          Effect.map((page) => ({
            status: 200,
            body: { products: page.items, hasMore: page.hasMore, next: page.next },
          })),
        ),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/products/:productId/status",
      summary: "Where a product is in its life: active, ending (when, and what replaces it) or ended",
      tags: ["catalog"],
      auth: "none",
      params: ProductParams,
      responses: { 200: { description: "The product's phase now", schema: ProductStatus } },
      failures: { ProductNotFound: true },
      handler: ({ params }) =>
        Effect.flatMap(sunsetStatus(params.productId), (found) =>
          Option.match(found, {
            onNone: () => Effect.fail(new ProductNotFound({ productId: params.productId })),
            onSome: (status) =>
              Effect.succeed({
                status: 200,
                body: {
                  productId: status.productId,
                  names: status.names,
                  phase: status.phase,
                  ...(status.endsAt === undefined ? {} : { endsAt: status.endsAt }),
                  ...(status.endedAt === undefined ? {} : { endedAt: status.endedAt }),
                  ...(status.successor === undefined ? {} : { successor: status.successor }),
                  ...(status.successorNames === undefined ? {} : { successorNames: status.successorNames }),
                },
              }),
          }),
        ),
    }),
  ],
  problems: {
    ProductNotFound: productNotFoundProblem,
  },
})
