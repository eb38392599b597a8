import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { AuditLog } from "../../../application/audit/audit-log.js"
import { checkFailed } from "../cli-failure.js"
import { emit, withProgress } from "../output.js"
import { withApp } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the report as JSON"))

const verify = Command.make("verify", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const report = yield* withProgress("verifying", !json, (progress) => audit.verify(progress))
      yield* emit(json, report, (r) =>
        r._tag === "Intact"
          ? `chain intact: ${r.events} events, head ${r.headHash}`
          : [
              `chain BROKEN at position ${r.link.position} (stream ${r.link.streamId}): ${r.link.reason}`,
              `  expected ${r.link.expected}`,
              `  found    ${r.link.found}`,
              `  ${r.checked} events before it verified`,
            ].join("\n"),
      )
      if (report._tag === "Broken")
        return yield* Effect.fail(checkFailed(`chain broken at position ${report.link.position}`))
    }),
  ),
).pipe(Command.withDescription("Walk the hash chain and report the first broken link (exit 1 if broken)"))

const replay = Command.make("replay", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const audit = yield* AuditLog
      const report = yield* withProgress("replaying", !json, (progress) => audit.replay(progress))
      yield* emit(json, report, (r) =>
        r.drift.length === 0
          ? `no drift: ${r.projections.length} projections rebuilt from ${r.events} events match the live read models`
          : [
              `DRIFT in ${r.drift.length} table(s):`,
              ...r.drift.map((d) =>
                [
                  `  ${d.projection}/${d.table}: live ${d.liveRows} rows, replayed ${d.replayedRows} rows`,
                  `    first difference  live:     ${d.firstDifference.live ?? "(none)"}`,
                  `                      replayed: ${d.firstDifference.replayed ?? "(none)"}`,
                ].join("\n"),
              ),
            ].join("\n"),
      )
      if (report.drift.length > 0)
        return yield* Effect.fail(
          checkFailed(`read models drift from the log in ${report.drift.length} table(s)`),
        )
    }),
  ),
).pipe(
  Command.withDescription(
    "Rebuild every projection into a scratch database and diff it with the live one (exit 1 on drift)",
  ),
)

export const auditCommand = Command.make("audit").pipe(
  Command.withDescription("Check the event log's integrity"),
  Command.withSubcommands([verify, replay]),
)
