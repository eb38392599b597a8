import { existsSync, writeFileSync } from "node:fs"
import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { csvRows } from "../../../application/platform/csv.js"
import {
  reportSwitch,
  resultCsvHeader,
  resultCsvRow,
  switchResults,
} from "../../../application/switching/switch-report.js"
import { runSwitch } from "../../../application/switching/switch-run.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit, withProgress } from "../output.js"
import { withKeys } from "../with-app.js"

// Running a switch plan over the customer base, and what it has done so far.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const planArg = Args.text({ name: "plan-id" })
const unknownPlan = (e: { readonly planId: string }) => Effect.fail(checkFailed(`no switch plan ${e.planId}`))

const reasonLines = (notSwitched: Readonly<Record<string, number | undefined>>) =>
  Object.entries(notSwitched).map(([reason, count]) => `  not switched:  ${count} (${reason})`)

const positive = (name: string, value: number) =>
  Number.isInteger(value) && value > 0
    ? Effect.succeed(value)
    : Effect.fail(usageError(`${name} must be a whole number above 0`))

const run = Command.make(
  "run",
  {
    json,
    plan: planArg,
    limit: Options.integer("limit").pipe(
      Options.optional,
      Options.withDescription(
        "decide at most this many licences (a canary batch); all that are left by default",
      ),
    ),
    batchSize: Options.integer("batch-size").pipe(
      Options.withDefault(200),
      Options.withDescription("licences decided and committed together"),
    ),
    mailRate: Options.integer("mail-rate").pipe(
      Options.withDefault(600),
      Options.withDescription("switch mails due per minute through the outbox"),
    ),
  },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const limit = Option.getOrUndefined(input.limit)
        if (limit !== undefined) yield* positive("--limit", limit)
        const batchSize = yield* positive("--batch-size", input.batchSize)
        const mailsPerMinute = yield* positive("--mail-rate", input.mailRate)
        const metadata = yield* operatorMetadata
        const summary = yield* withProgress(
          "switching",
          !input.json,
          (progress) =>
            runSwitch(input.plan.trim(), {
              ...(limit === undefined ? {} : { limit }),
              batchSize,
              mailsPerMinute,
              metadata,
              ...(progress === undefined ? {} : { onProgress: (p) => progress(p.decided, p.total) }),
            }),
          { unit: "licences" },
        ).pipe(Effect.catchTag("SwitchPlanUnknown", unknownPlan))
        yield* emit(input.json, summary, (s) =>
          [
            `plan ${s.planId}: ${s.decided} licence(s) decided in this run`,
            `  switched:      ${s.switched}`,
            ...reasonLines(s.notSwitched),
            `  mails queued:  ${s.mailsQueued}`,
            s.remaining === 0
              ? "every licence of the source product is decided"
              : `${s.remaining} licence(s) left: run it again to go on`,
          ].join("\n"),
        )
      }),
    ),
).pipe(
  Command.withDescription(
    "Run a switch plan: resumable and idempotent (run it again after a stop), --limit for a canary batch",
  ),
)

const report = Command.make(
  "report",
  {
    json,
    plan: planArg,
    out: Options.file("out").pipe(
      Options.optional,
      Options.withDescription(
        "also write one row per decided licence to this CSV file (refused if it exists)",
      ),
    ),
  },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const out = Option.getOrUndefined(input.out)
        if (out !== undefined && existsSync(out)) {
          return yield* Effect.fail(usageError(`--out: ${out} exists; choose another file`))
        }
        const planId = input.plan.trim()
        const result = yield* reportSwitch(planId).pipe(Effect.catchTag("SwitchPlanUnknown", unknownPlan))
        if (out !== undefined) {
          writeFileSync(out, csvRows([resultCsvHeader]), { flag: "wx" })
          yield* switchResults(planId, (rows) =>
            writeFileSync(out, csvRows(rows.map(resultCsvRow)), { flag: "a" }),
          ).pipe(Effect.catchTag("SwitchPlanUnknown", unknownPlan))
        }
        yield* emit(input.json, result, (r) =>
          [
            `plan ${r.planId}: ${r.fromProduct} → ${r.toProduct}, ${r.batches} batch(es)`,
            `  switched:      ${r.switched}`,
            ...reasonLines(r.notSwitched),
            `  not decided:   ${r.remaining}`,
            `  mails:         ${r.mails.sent} sent, ${r.mails.waiting} waiting, ${r.mails.failed} failed`,
            `  imports:       ${r.imports.accounts} account(s) moved their data (${r.imports.items} item(s))`,
            ...(out === undefined ? [] : [`one row per licence in ${out}`]),
          ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("What a switch plan has done: switched, not switched by reason, mails"))

export const switchRunCommands = [run, report] as const
