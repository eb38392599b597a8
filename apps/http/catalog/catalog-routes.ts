import { Effect, Schema } from "effect"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { defineFeature } from "../shell/feature.js"
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

const ProductList = Schema.Struct({ products: Schema.Array(Product) }).annotations({
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
      handler: () =>
        Effect.map(
          Effect.flatMap(CatalogDirectory, (c) => c.list),
          (products) => ({ status: 200, body: { products } }),
        ),
    }),
  ],
  problems: {},
})
