import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { loadAggregate } from "../../../application/event-log/decide-step.js"
import { ConsoleFaultSettings, parseFaultScript } from "../../../application/instances/console-faults.js"
import { resumeInstance } from "../../../application/instances/instance-actions.js"
import { InstanceDirectory } from "../../../application/instances/instance-directory.js"
import { instanceTimeline, viewOf } from "../../../application/instances/instance-views.js"
import { instance, instanceStreamId } from "../../../domain/instances/instance.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withApp } from "../with-app.js"

// Support's handle on manual 004's product instances: the list, one instance with the saga's
// timeline (attempts and the console's answers), resuming its waiting step, and the simulated
// console's fault settings (read by every `serve` from the database).

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const instanceArg = Args.text({ name: "instance-id" }).pipe(
  Args.withDescription("as `instances list` shows it"),
)

const list = Command.make(
  "list",
  { json, limit: Options.integer("limit").pipe(Options.withDefault(100)) },
  (input) =>
    withApp({ migrate: false })(() =>
      Effect.gen(function* () {
        const rows = yield* (yield* InstanceDirectory).list({ limit: input.limit })
        yield* emit(input.json, rows, (r) =>
          r.length === 0
            ? "no product instances"
            : [
                `${"INSTANCE".padEnd(64)} ${"STATUS".padEnd(14)} ${"PRODUCT".padEnd(16)} ${"ATTEMPTS".padEnd(8)} CHANGED`,
                ...r.map(
                  (row) =>
                    `${row.instanceId.padEnd(64)} ${row.status.padEnd(14)} ${row.productId.padEnd(16)} ${String(row.attempts).padEnd(8)} ${row.changedAt}`,
                ),
              ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("Every product instance with its status, the most recently changed first"))

const loadOne = (instanceId: string) =>
  Effect.gen(function* () {
    const { state } = yield* loadAggregate(instance, instanceStreamId(instanceId))
    if (state._tag === "None") return yield* Effect.fail(checkFailed(`no product instance ${instanceId}`))
    return state
  })

const show = Command.make("show", { json, instance: instanceArg }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const id = input.instance.trim()
      const state = yield* loadOne(id)
      const report = {
        ...viewOf(id, state),
        accountId: state.facts.accountId,
        timeline: yield* instanceTimeline(id),
        jobs: yield* (yield* InstanceDirectory).sagaJobs(id),
      }
      yield* emit(input.json, report, (r) =>
        [
          `instance ${r.id}`,
          `  account   ${r.accountId}`,
          `  licence   ${r.licenseId}`,
          `  status    ${r.status} as ${r.productId}${r.updated ? " (updated)" : ""}`,
          ...(r.lastFailure
            ? [
                `  last try  attempt ${r.lastFailure.attempt}: ${r.lastFailure.message}; again from ${r.lastFailure.retryAt}`,
              ]
            : []),
          "  timeline",
          ...r.timeline.map(
            (t) =>
              `    ${t.at}  ${t.event}${t.attempt === undefined ? "" : ` #${t.attempt}`}${t.detail === undefined ? "" : `  ${t.detail}`}`,
          ),
          "  saga jobs",
          ...r.jobs.map(
            (j) =>
              `    ${j.step.padEnd(14)} ${j.state.padEnd(8)} ${j.attempts} attempt(s)${j.state === "pending" ? `, due ${j.dueAt}` : ""}${j.lastError === undefined ? "" : `  last error: ${j.lastError}`}`,
          ),
          ...(r.jobs.some((j) => j.state === "dead")
            ? ["  a step gave up: `portcullis instances retry` runs it again once the console answers"]
            : []),
        ].join("\n"),
      )
    }),
  ),
).pipe(
  Command.withDescription("One instance: status, licence, and the saga's timeline with attempts and errors"),
)

const retry = Command.make("retry", { json, instance: instanceArg }, (input) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const id = input.instance.trim()
      yield* loadOne(id)
      const resumed = yield* resumeInstance(id, yield* operatorMetadata).pipe(
        Effect.catchTags({
          InstanceNotFound: () => Effect.fail(checkFailed(`no product instance ${id}`)),
          StreamVersionConflict: () =>
            Effect.fail(checkFailed(`${id} changed meanwhile: run the command again`)),
        }),
        Effect.catchAll((error) => Effect.fail(checkFailed(`${id}: ${error._tag}`))),
      )
      yield* emit(input.json, { instanceId: id, resumed: resumed.resumed }, (r) =>
        r.resumed
          ? `${r.instanceId}: the saga's waiting step runs again (serve takes it at once)`
          : `${r.instanceId}: nothing waits (the instance is not provisioning or updating)`,
      )
    }),
  ),
).pipe(Command.withDescription("Run an instance's waiting saga step again (after its job died, say)"))

const faults = Command.make(
  "console-faults",
  {
    json,
    script: Options.text("script").pipe(
      Options.withDescription("answers to the next update starts, as fail,fail,ok (down: unreachable)"),
      Options.optional,
    ),
    rate: Options.float("failure-rate").pipe(
      Options.withDescription("after the script: the share of update starts that fail, 0 to 1"),
      Options.optional,
    ),
  },
  (input) =>
    withApp({ migrate: false })(() =>
      Effect.gen(function* () {
        const settings = yield* ConsoleFaultSettings
        const current = yield* settings.read
        if (Option.isSome(input.script) || Option.isSome(input.rate)) {
          const script = Option.isSome(input.script) ? parseFaultScript(input.script.value) : current.script
          if (script === undefined)
            return yield* Effect.fail(usageError("--script: a list of ok, fail, down"))
          const failureRate = Option.getOrElse(input.rate, () => current.failureRate)
          if (!(failureRate >= 0 && failureRate <= 1))
            return yield* Effect.fail(usageError("--failure-rate: a number from 0 to 1"))
          yield* settings.write({ script, failureRate })
        }
        const now = yield* settings.read
        yield* emit(
          input.json,
          { script: now.script, next: now.position, failureRate: now.failureRate },
          (r) =>
            `simulated console: script ${r.script.length === 0 ? "(none)" : r.script.map((s, i) => (i === r.next ? `[${s}]` : s)).join(",")}; then failure rate ${r.failureRate}`,
        )
      }),
    ),
).pipe(Command.withDescription("The simulated console's faults: show them, or set a script and a rate"))

export const instancesCommand = Command.make("instances").pipe(
  Command.withDescription("Product instances (Apex One SaaS → Vision One) and their saga (support)"),
  Command.withSubcommands([list, show, retry, faults]),
)
