import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { listProducts } from "../../../adapters/sql/catalog/catalog-queries.js"
import { sqlEffect } from "../../../adapters/sql/sql-effect.js"
import { seedSampleCatalog } from "../../../application/catalog/catalog-product.js"
import { SqlEventLogService } from "../../wiring/sql-event-log-service.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withApp } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))

const list = Command.make("list", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const log = yield* SqlEventLogService
      const products = yield* sqlEffect("list products", () => listProducts(log.database))
      yield* emit(json, products, (ps) =>
        ps.length === 0
          ? "the catalogue is empty: run `portcullis catalog seed`"
          : ps
              .map((p) =>
                [
                  `${p.productId.padEnd(28)} ${p.names.en}`,
                  `${"".padEnd(28)} packages: ${p.packages.map((k) => k.id).join(", ")}; expiring soon: ${p.expiringSoonDays} days`,
                ].join("\n"),
              )
              .join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("List the product catalogue"))

const seed = Command.make("seed", { json }, ({ json }) =>
  withApp({ migrate: true })(() =>
    Effect.gen(function* () {
      const results = yield* seedSampleCatalog(yield* operatorMetadata)
      yield* emit(json, results, (rs) =>
        rs.map((r) => `${r.productId.padEnd(28)} ${r.changed ? "catalogued" : "unchanged"}`).join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("Load the sample catalogue (repeatable: unchanged products stay as they are)"))

export const catalogCommand = Command.make("catalog").pipe(
  Command.withDescription("The product catalogue"),
  Command.withSubcommands([list, seed]),
)
