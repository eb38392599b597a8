import { Schema } from "effect"
import { NotSwitchedReason } from "../../../domain/licensing/license-events.js"
import { CalendarDate, Id, LocalisedText } from "../shell/wire.js"

const Product = Schema.Struct({ id: Schema.String, names: LocalisedText })

const common = {
  planId: Id.annotations({ description: "The switch programme" }),
  licenseId: Id.annotations({ description: "The licence, as `GET /v1/licenses` names it" }),
  fromProduct: Product,
  toProduct: Product,
}

export const SwitchResult = Schema.Union(
  Schema.Struct({
    ...common,
    status: Schema.Literal("not-yet"),
    resultsFrom: CalendarDate.annotations({
      description: "The day results can be seen, in the account's zone",
    }),
  }),
  Schema.Struct({
    ...common,
    status: Schema.Literal("switched"),
    expiresOn: CalendarDate.annotations({ description: "The last day of the switched licence, unchanged" }),
  }),
  Schema.Struct({
    ...common,
    status: Schema.Literal("not-switched"),
    reason: NotSwitchedReason.annotations({
      description:
        "cancelled-by-cutoff: the contract was cancelled by the plan's cut-off day; in-app-purchase: bought in the App Store or Google Play; free-edition; channel-not-switched: a sales channel the plan leaves out; expired; suspended",
    }),
    newContractNeeded: Schema.Literal(true).annotations({
      description: "Using the new product takes a contract of its own",
    }),
    importPossible: Schema.Literal(true).annotations({
      description: "The data can be imported into the new product all the same",
    }),
  }),
).annotations({ identifier: "SwitchResult" })

export const SwitchResults = Schema.Struct({ results: Schema.Array(SwitchResult) }).annotations({
  identifier: "SwitchResults",
})
