import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { rebuildProjection } from "../../../adapters/sql/projections/projection-runner.js"
import { sqlEffect } from "../../../adapters/sql/sql-effect.js"
import { SqlEventLogService } from "../../wiring/sql-event-log-service.js"
import { usageError } from "../cli-failure.js"
import { emit, withProgress } from "../output.js"
import { withApp } from "../with-app.js"

const rebuild = Command.make(
  "rebuild",
  {
    json: Options.boolean("json").pipe(Options.withDescription("print the result as JSON")),
    name: Args.text({ name: "name" }).pipe(
      Args.withDescription("one projection; all when left out"),
      Args.optional,
    ),
  },
  ({ json, name }) =>
    withApp({ migrate: true })(() =>
      Effect.gen(function* () {
        const log = yield* SqlEventLogService
        const chosen = Option.match(name, {
          onNone: () => log.projections,
          onSome: (wanted) => log.projections.filter((p) => p.name === wanted),
        })
        if (chosen.length === 0) {
          const known = log.projections.map((p) => p.name).join(", ")
          return yield* Effect.fail(
            usageError(`unknown projection ${Option.getOrElse(name, () => "")}; known: ${known}`),
          )
        }
        const results: Array<{ name: string; version: number; events: number }> = []
        for (const projection of chosen) {
          const events = yield* withProgress(`rebuilding ${projection.name}`, !json, (progress) =>
            sqlEffect("rebuild", () => rebuildProjection(log.database, projection, progress)),
          )
          results.push({ name: projection.name, version: projection.version, events })
        }
        yield* emit(json, results, (rs) =>
          rs.map((r) => `rebuilt ${r.name} v${r.version} from ${r.events} events`).join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("Drop and rebuild read models from position 0"))

const list = Command.make("list", { json: Options.boolean("json") }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const log = yield* SqlEventLogService
      const rows = yield* sqlEffect("checkpoints", () =>
        log.database.db.selectFrom("projection_checkpoints").selectAll().orderBy("name").execute(),
      )
      const listed = log.projections.map((p) => {
        const row = rows.find((r) => r.name === p.name)
        return {
          name: p.name,
          version: p.version,
          storedVersion: row?.version ?? null,
          position: row?.position ?? null,
        }
      })
      yield* emit(json, listed, (ps) =>
        ps.map((p) => `${p.name.padEnd(24)} v${p.version}  checkpoint ${p.position ?? "none"}`).join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("List the projections and their checkpoints"))

export const projectionsCommand = Command.make("projections").pipe(
  Command.withDescription("Read models built from the log"),
  Command.withSubcommands([list, rebuild]),
)
