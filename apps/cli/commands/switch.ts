import { existsSync, writeFileSync } from "node:fs"
import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { createSwitchPlan, switchPlanOf } from "../../../application/switching/switch-plans.js"
import { previewCsv, previewSwitch } from "../../../application/switching/switch-preview.js"
import { isCalendarDate, SalesChannel } from "../../../domain/licensing/license-events.js"
import type { SwitchRules } from "../../../domain/switching/switch-rules.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"
import { switchRunCommands } from "./switch-run.js"

// The product switch programme (manual 000): a plan's rules are its data, fixed when it is made.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const day = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description))

const rulesLines = (planId: string, rules: SwitchRules) =>
  [
    `plan:             ${planId}`,
    `switch:           ${rules.fromProduct} → ${rules.toProduct}`,
    `switched:         ${rules.switchedChannels.join(", ")} contracts in force`,
    `cancelled by:     ${rules.cancelCutoff} (such contracts are not switched)`,
    `unused keys:      register as ${rules.toProduct} from ${rules.keysValidFrom}`,
    `results shown:    from ${rules.resultsFrom}`,
  ].join("\n")

const create = Command.make(
  "create",
  {
    json,
    from: Options.text("from").pipe(Options.withDescription("the product that ends")),
    to: Options.text("to").pipe(Options.withDescription("the product its licences move to")),
    cancelCutoff: day(
      "cancel-cutoff",
      "a contract cancelled on or before this day (YYYY-MM-DD) is not switched",
    ),
    keysValidFrom: day("keys-valid-from", "from this day unused keys of --from register as --to"),
    resultsFrom: day("results-from", "from this day customers see their result"),
    channels: Options.text("channels").pipe(
      Options.withDefault("direct,monthly-provider"),
      Options.withDescription(
        `the sales channels whose licences move, comma-separated (${SalesChannel.literals.join(", ")})`,
      ),
    ),
  },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        for (const [name, value] of [
          ["--cancel-cutoff", input.cancelCutoff],
          ["--keys-valid-from", input.keysValidFrom],
          ["--results-from", input.resultsFrom],
        ] as const) {
          if (!isCalendarDate(value))
            return yield* Effect.fail(usageError(`${name} must be a date, YYYY-MM-DD`))
        }
        const channels = input.channels.split(",").map((c) => c.trim())
        const unknown = channels.find((c) => !(SalesChannel.literals as ReadonlyArray<string>).includes(c))
        if (unknown !== undefined)
          return yield* Effect.fail(usageError(`--channels: no sales channel ${unknown}`))
        const rules: SwitchRules = {
          fromProduct: input.from.trim(),
          toProduct: input.to.trim(),
          cancelCutoff: input.cancelCutoff,
          keysValidFrom: input.keysValidFrom,
          resultsFrom: input.resultsFrom,
          switchedChannels: channels as Array<SalesChannel>,
        }
        const plan = yield* createSwitchPlan(rules, yield* operatorMetadata).pipe(
          Effect.catchTags({
            ProductNotFound: (e) => Effect.fail(checkFailed(`no product ${e.productId} in the catalogue`)),
            SwitchRulesInvalid: (e) => Effect.fail(usageError(e.reason)),
            SwitchPlanExists: () => Effect.dieMessage("a new plan id named an existing plan"),
          }),
        )
        yield* emit(input.json, plan, (p) => rulesLines(p.planId, p.rules))
      }),
    ),
).pipe(Command.withDescription("Make a switch plan: its rules are fixed from then on (operators)"))

const show = Command.make("show", { json, plan: Args.text({ name: "plan-id" }) }, (input) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const plan = yield* switchPlanOf(input.plan.trim()).pipe(
        Effect.catchTag("SwitchPlanUnknown", (e) => Effect.fail(checkFailed(`no switch plan ${e.planId}`))),
      )
      yield* emit(
        input.json,
        { planId: plan.planId, rules: plan.rules, createdAt: plan.createdAt },
        (p) => `${rulesLines(p.planId, p.rules)}\ncreated:          ${p.createdAt}`,
      )
    }),
  ),
).pipe(Command.withDescription("A switch plan's rules"))

const preview = Command.make(
  "preview",
  {
    json,
    plan: Args.text({ name: "plan-id" }),
    out: Options.file("out").pipe(
      Options.optional,
      Options.withDescription("also write one row per licence to this CSV file (refused if it exists)"),
    ),
  },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const out = Option.getOrUndefined(input.out)
        if (out !== undefined && existsSync(out)) {
          return yield* Effect.fail(usageError(`--out: ${out} exists; choose another file`))
        }
        const result = yield* previewSwitch(input.plan.trim()).pipe(
          Effect.catchTag("SwitchPlanUnknown", (e) => Effect.fail(checkFailed(`no switch plan ${e.planId}`))),
        )
        if (out !== undefined) writeFileSync(out, previewCsv(result), { flag: "wx" })
        const { rows, ...counts } = result
        yield* emit(input.json, counts, (c) =>
          [
            `plan ${c.planId}: ${c.sources} licence(s) of the source product (a dry run: nothing written)`,
            `  switched:      ${c.switched}`,
            ...Object.entries(c.notSwitched).map(
              ([reason, count]) => `  not switched:  ${count} (${reason})`,
            ),
            ...(out === undefined ? [] : [`one row per licence in ${out}`]),
          ].join("\n"),
        )
      }),
    ),
).pipe(
  Command.withDescription("A dry run of a switch plan: counts by outcome and reason, and --out report.csv"),
)

const plan = Command.make("plan").pipe(
  Command.withDescription("Switch plans: a product's licences moved to its successor by rules"),
  Command.withSubcommands([create, show]),
)

export const switchCommand = Command.make("switch").pipe(
  Command.withDescription("The product switch programme (operators)"),
  Command.withSubcommands([plan, preview, ...switchRunCommands]),
)
