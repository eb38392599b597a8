import { Data, Either, Schema } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { Instant } from "../kernel/instant.js"

export const productStreamId = (productId: string) => `product-${productId}`

export const LocalisedName = Schema.Struct({ ja: Schema.String, en: Schema.String })

export const ProductPackage = Schema.Struct({ id: Schema.String, names: LocalisedName })

/** A catalogue entry: data, not code; the lifecycle moves on in later features (switches, sunsets). */
export const ProductDetails = Schema.Struct({
  names: LocalisedName,
  packages: Schema.Array(ProductPackage),
  consoleUrl: Schema.String,
  expiringSoonDays: Schema.Int,
})
export type ProductDetails = typeof ProductDetails.Type

export const ProductCataloged = Schema.TaggedStruct("ProductCataloged", {
  productId: Schema.String,
  details: ProductDetails,
  at: Instant,
})

export const ProductDetailsChanged = Schema.TaggedStruct("ProductDetailsChanged", {
  details: ProductDetails,
  at: Instant,
})

export type ProductEvent = typeof ProductCataloged.Type | typeof ProductDetailsChanged.Type

export type ProductState =
  | { readonly _tag: "Absent" }
  | { readonly _tag: "Active"; readonly productId: string; readonly details: ProductDetails }

/** Cataloguing an existing product with other details changes them, so seeding is repeatable. */
export type ProductCommand = {
  readonly _tag: "Catalog"
  readonly productId: string
  readonly details: ProductDetails
  readonly at: Instant
}

export class ProductUnknown extends Data.TaggedError("ProductUnknown")<{ readonly productId: string }> {}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export const productDecider: Decider<ProductCommand, ProductState, ProductEvent, never> = {
  initialState: { _tag: "Absent" },
  decide: (command, state) => {
    if (state._tag === "Absent") {
      return Either.right([
        ProductCataloged.make({ productId: command.productId, details: command.details, at: command.at }),
      ])
    }
    return same(state.details, command.details)
      ? Either.right([])
      : Either.right([ProductDetailsChanged.make({ details: command.details, at: command.at })])
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "ProductCataloged":
        return { _tag: "Active", productId: event.productId, details: event.details }
      case "ProductDetailsChanged":
        return state._tag === "Active" ? { ...state, details: event.details } : state
    }
  },
}

export const productCodec = makeEventCodec({
  ProductCataloged: { schema: ProductCataloged },
  ProductDetailsChanged: { schema: ProductDetailsChanged },
})

export const product = { decider: productDecider, codec: productCodec }
