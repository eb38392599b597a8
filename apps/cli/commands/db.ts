import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { openDatabase, parseDatabaseUrl } from "../../../adapters/sql/database.js"
import { migrateToLatest } from "../../../adapters/sql/migrations/index.js"
import { prepareProjections } from "../../../adapters/sql/projections/projection-runner.js"
import { allProjections } from "../../../adapters/sql/sql-event-log.js"
import { checkDataDir } from "../../wiring/app-layer.js"
import { StartupError } from "../../wiring/startup-error.js"
import { CliFailure } from "../cli-failure.js"
import { emit } from "../output.js"
import { loadConfig } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the result as JSON"))

const migrate = Command.make("migrate", { json }, ({ json }) =>
  Effect.gen(function* () {
    const config = yield* loadConfig
    yield* checkDataDir(config, { create: false }).pipe(
      Effect.mapError((failure) => new CliFailure({ reason: failure.reason, exitCode: failure.exitCode })),
    )
    const report = yield* Effect.tryPromise({
      try: async () => {
        const database = await openDatabase(parseDatabaseUrl(config.databaseUrl))
        try {
          const migrations = await migrateToLatest(database.db, database.target)
          const projections = await prepareProjections(database, allProjections)
          return { database: database.target.dialect, ...migrations, projections }
        } finally {
          await database.close()
        }
      },
      catch: (cause) => {
        const failure = StartupError.fromDatabase(cause, config.databaseVariable, config.databaseUrl)
        return new CliFailure({ reason: failure.reason, exitCode: failure.exitCode })
      },
    })
    yield* emit(json, report, (r) =>
      r.applied.length === 0
        ? `${r.database}: already up to date (${r.alreadyApplied.length} migrations)`
        : `${r.database}: applied ${r.applied.join(", ")}`,
    )
  }),
).pipe(Command.withDescription("Create or upgrade the database schema (serve does this on start too)"))

export const dbCommand = Command.make("db").pipe(
  Command.withDescription("Database schema"),
  Command.withSubcommands([migrate]),
)
