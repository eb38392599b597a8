import { Effect, Schema } from "effect"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { pageOf } from "../../../application/platform/page.js"
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
  ],
  problems: {},
})
