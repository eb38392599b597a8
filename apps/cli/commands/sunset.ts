import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { ProductLifecycles } from "../../../application/catalog/product-lifecycles.js"
import {
  type ApplyAnswer,
  applyDueSunsets,
  applySunset,
  cancelSunset,
  defaultNoticeLeadDays,
  lifecycleJobCounts,
  scheduleSunset,
  sunsetStatus,
} from "../../../application/catalog/sunsets.js"
import type { ProductError } from "../../../domain/catalog/product.js"
import { type Instant, instantFromMillis } from "../../../domain/kernel/index.js"
import { type CliFailure, checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withApp } from "../with-app.js"

// The operator's handle on a product's end: schedule it (with its successor), take it back, see
// where it stands, and apply it now (what `serve` does by itself when the instant passes).

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const productArg = Args.text({ name: "product" }).pipe(
  Args.withDescription("the product id, as `catalog list` shows"),
)

/** An instant with its zone said (Z or ±hh:mm): a sunset's time must not depend on the operator's machine. */
const parseInstant = (text: string): Effect.Effect<Instant, CliFailure> => {
  const trimmed = text.trim()
  const millis = Date.parse(trimmed)
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) &&
    /^\d{4}-\d{2}-\d{2}T/.test(trimmed) &&
    Number.isFinite(millis)
    ? Effect.succeed(instantFromMillis(millis))
    : Effect.fail(
        usageError(`--at must be an ISO 8601 time with its zone, as 2025-11-16T00:00:00+09:00: ${trimmed}`),
      )
}

const refusal = (error: ProductError): CliFailure => {
  switch (error._tag) {
    case "ProductUnknown":
      return checkFailed(`no product ${error.productId} in the catalogue: see \`portcullis catalog list\``)
    case "SuccessorInvalid":
      return checkFailed(
        error.reason === "itself"
          ? "a product cannot be its own successor"
          : error.reason === "unknown"
            ? `no product ${error.successor} in the catalogue to be the successor`
            : `the successor ${error.successor} has ended itself`,
      )
    case "SunsetInPast":
      return usageError(`--at is not in the future: ${error.endsAt}`)
    case "SunsetAlreadyDue":
      return checkFailed(
        `the sunset at ${error.endsAt} has passed: it can only be applied (\`sunset apply\`)`,
      )
    case "SunsetNotDue":
      return checkFailed(`the sunset is not due before ${error.endsAt}`)
    case "ServiceAlreadyEnded":
      return checkFailed(`the product ended at ${error.endedAt}`)
  }
}

const productRefusalTags: ReadonlySet<string> = new Set<ProductError["_tag"]>([
  "ProductUnknown",
  "SuccessorInvalid",
  "SunsetInPast",
  "SunsetAlreadyDue",
  "SunsetNotDue",
  "ServiceAlreadyEnded",
])

const isProductRefusal = (error: { readonly _tag: string }): error is ProductError =>
  productRefusalTags.has(error._tag)

const productRefusals = <A, R>(effect: Effect.Effect<A, ProductError | { readonly _tag: string }, R>) =>
  Effect.catchAll(effect, (error) =>
    Effect.fail(
      isProductRefusal(error)
        ? refusal(error)
        : error._tag === "StreamVersionConflict"
          ? checkFailed("the product was changed by someone else meanwhile: try again")
          : checkFailed(String(error._tag)),
    ),
  )

const at = Options.text("at").pipe(Options.withDescription("when the product ends, ISO 8601 with its zone"))
const successor = Options.text("successor").pipe(Options.withDescription("the product that replaces it"))
const noticeDays = Options.integer("notice-days").pipe(
  Options.withDescription(
    `how many days before the end the holders are mailed (default ${defaultNoticeLeadDays})`,
  ),
  Options.optional,
)

const schedule = Command.make("schedule", { product: productArg, at, successor, noticeDays, json }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const endsAt = yield* parseInstant(input.at)
      const lead = Option.getOrElse(input.noticeDays, () => defaultNoticeLeadDays)
      if (lead < 0 || lead > 365) return yield* Effect.fail(usageError("--notice-days must be 0 to 365"))
      const result = yield* productRefusals(
        scheduleSunset(
          input.product,
          { endsAt, successor: input.successor, noticeLeadDays: lead },
          yield* operatorMetadata,
        ),
      )
      yield* emit(input.json, { productId: input.product, ...result }, (r) =>
        r.lifecycle?._tag === "SunsetScheduled"
          ? `${r.productId}: ${r.changed ? "sunset scheduled" : "already scheduled so"} at ${r.lifecycle.endsAt}, successor ${r.lifecycle.successor}, notices ${r.lifecycle.noticeLeadDays} days before`
          : `${r.productId}: unchanged`,
      )
    }),
  ),
).pipe(Command.withDescription("Schedule the end of a product (or move it), naming its successor"))

const cancel = Command.make("cancel", { product: productArg, json }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const result = yield* productRefusals(cancelSunset(input.product, yield* operatorMetadata))
      yield* emit(input.json, { productId: input.product, ...result }, (r) =>
        r.changed ? `${r.productId}: sunset cancelled` : `${r.productId}: no sunset was scheduled`,
      )
    }),
  ),
).pipe(Command.withDescription("Cancel a scheduled sunset before its instant"))

const optionalProduct = productArg.pipe(Args.optional)

const status = Command.make("status", { product: optionalProduct, json }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const ids = Option.isSome(input.product)
        ? [input.product.value]
        : (yield* (yield* ProductLifecycles).scheduled).map((record) => record.productId)
      const statuses = yield* Effect.forEach(ids, (id) =>
        Effect.flatMap(sunsetStatus(id), (found) =>
          Option.isNone(found)
            ? Effect.fail(checkFailed(`no product ${id} in the catalogue: see \`portcullis catalog list\``))
            : Effect.succeed(found.value),
        ),
      )
      const jobs = yield* lifecycleJobCounts
      yield* emit(input.json, { products: statuses, jobs }, (r) =>
        [
          ...(r.products.length === 0 ? ["no product is scheduled to end"] : []),
          ...r.products.map((p) =>
            p.phase === "active"
              ? `${p.productId}: active`
              : p.phase === "sunset-scheduled"
                ? `${p.productId}: ends at ${p.endsAt}, successor ${p.successor}; notices ${p.noticesDone ? "sent" : "pending"} (${p.noticesQueued ?? 0} queued)`
                : `${p.productId}: ended at ${p.endedAt}${p.recorded ? "" : " (due; not yet applied)"}, successor ${p.successor}`,
          ),
          `lifecycle jobs: ${r.jobs.pending} pending, ${r.jobs.done} done, ${r.jobs.dead} dead`,
        ].join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("Where products' sunsets stand (all scheduled or ended ones, or one)"))

const answerLine = (answer: ApplyAnswer) => {
  switch (answer._tag) {
    case "Applied":
      return `${answer.productId}: sunset applied at ${answer.endedAt}`
    case "AlreadyEnded":
      return `${answer.productId}: already ended at ${answer.endedAt}`
    case "NotDue":
      return `${answer.productId}: not due before ${answer.endsAt}`
    case "NotScheduled":
      return `${answer.productId}: no sunset is scheduled`
    case "NotCataloged":
      return `${answer.productId}: not in the catalogue`
  }
}

const apply = Command.make("apply", { product: optionalProduct, json }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const metadata = yield* operatorMetadata
      const answers = Option.isSome(input.product)
        ? [yield* productRefusals(applySunset(input.product.value, metadata))]
        : yield* productRefusals(applyDueSunsets(metadata))
      yield* emit(input.json, answers, (list) =>
        list.length === 0 ? "no sunset is due" : list.map(answerLine).join("\n"),
      )
      const failed = answers.find((a) => a._tag === "NotCataloged" || a._tag === "NotScheduled")
      if (failed) return yield* Effect.fail(checkFailed(answerLine(failed)))
    }),
  ),
).pipe(
  Command.withDescription("Apply due sunsets now (idempotent; `serve` does it by itself at the instant)"),
)

export const sunsetCommand = Command.make("sunset").pipe(
  Command.withDescription("Products' ends: schedule, cancel, status, apply"),
  Command.withSubcommands([schedule, cancel, status, apply]),
)
