import { existsSync, writeFileSync } from "node:fs"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { issueKeys } from "../../../application/licensing/issue-keys.js"
import { isCalendarDate, SalesChannel } from "../../../domain/licensing/license-events.js"
import { usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"

const csvCell = (value: string | number) => {
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const issue = Command.make(
  "issue",
  {
    product: Options.text("product").pipe(
      Options.withDescription("product id (see `portcullis catalog list`)"),
    ),
    packageId: Options.text("package").pipe(Options.withDescription("package (edition) id of that product")),
    seats: Options.integer("seats").pipe(Options.withDefault(1), Options.withDescription("seats per key")),
    type: Options.choice("type", ["full", "trial"]).pipe(Options.withDefault("full" as const)),
    expires: Options.text("expires").pipe(Options.withDescription("last valid day, YYYY-MM-DD")),
    kind: Options.choice("kind", ["rk", "ac"]).pipe(
      Options.withDefault("rk" as const),
      Options.withDescription(
        "rk: registration key XX-XXXX-XXXX-XXXX-XXXX; ac: activation code XX-XXX-XXXXX-…",
      ),
    ),
    channel: Options.choice("channel", SalesChannel.literals).pipe(Options.withDefault("direct" as const)),
    count: Options.integer("count").pipe(Options.withDefault(1), Options.withDescription("how many keys")),
    out: Options.file("out").pipe(
      Options.optional,
      Options.withDescription(
        "also write the keys to this CSV file (mode 0600); an existing file needs --force",
      ),
    ),
    force: Options.boolean("force").pipe(Options.withDescription("let --out replace an existing file")),
    json: Options.boolean("json").pipe(Options.withDescription("print JSON")),
  },
  (args) =>
    withKeys({ migrate: true })(() =>
      Effect.gen(function* () {
        if (!isCalendarDate(args.expires)) {
          return yield* Effect.fail(usageError("--expires must be a date, YYYY-MM-DD"))
        }
        if (args.seats < 1 || args.seats > 1_000_000)
          return yield* Effect.fail(usageError("--seats must be 1 or more"))
        if (args.count < 1 || args.count > 100_000)
          return yield* Effect.fail(usageError("--count must be from 1 to 100000"))
        // Refused before any key is issued: a file of keys already handed out may be the only copy.
        if (Option.isSome(args.out) && !args.force && existsSync(args.out.value)) {
          return yield* Effect.fail(usageError(`--out ${args.out.value} exists; add --force to replace it`))
        }
        const request = {
          productId: args.product,
          packageId: args.packageId,
          seats: args.seats,
          licenseType: args.type,
          expiresOn: args.expires,
          kind: args.kind,
          channel: args.channel,
          count: args.count,
        }
        const result = yield* issueKeys(request, yield* operatorMetadata).pipe(
          Effect.catchTags({
            UnknownProduct: (e) =>
              Effect.fail(usageError(`unknown product ${e.productId}; see \`portcullis catalog list\``)),
            UnknownPackage: (e) =>
              Effect.fail(
                usageError(
                  `product ${e.productId} has no package ${e.packageId}; it has ${e.known.join(", ")}`,
                ),
              ),
          }),
        )
        if (Option.isSome(args.out)) {
          const header = "key,product,package,seats,type,expires,kind,channel,batch"
          const rows = result.keys.map((k) =>
            [
              k.key,
              request.productId,
              request.packageId,
              request.seats,
              request.licenseType,
              request.expiresOn,
              request.kind,
              request.channel,
              result.batchId,
            ]
              .map(csvCell)
              .join(","),
          )
          writeFileSync(args.out.value, `${[header, ...rows].join("\n")}\n`, {
            mode: 0o600,
            flag: args.force ? "w" : "wx",
          })
        }
        const issued = { ...request, batchId: result.batchId, keys: result.keys.map((k) => k.key) }
        // The keys alone on stdout, one a line, so that `KEY=$(portcullis keys issue …)` holds a key.
        yield* emit(args.json, issued, (r) => r.keys.join("\n"))
        if (!args.json) {
          yield* Console.error(
            `issued ${issued.keys.length} ${issued.kind} key(s) for ${issued.productId}/${issued.packageId}, batch ${issued.batchId}`,
          )
        }
      }),
    ),
).pipe(Command.withDescription("Issue new product keys"))

export const keysCommand = Command.make("keys").pipe(
  Command.withDescription("Product keys"),
  Command.withSubcommands([issue]),
)
