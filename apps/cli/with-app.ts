import { Effect, type Layer } from "effect"
import { type AppConfig, appConfig, describeConfigError } from "../config/config.js"
import { type AppLayerOptions, CoreLive, LoggerLive } from "../wiring/app-layer.js"
import { StartupError } from "../wiring/startup-error.js"
import { CliFailure } from "./cli-failure.js"

export const loadConfig = appConfig.pipe(
  Effect.mapError(
    (error) => new CliFailure({ reason: `configuration error: ${describeConfigError(error)}`, exitCode: 2 }),
  ),
)

type CoreServices = Layer.Layer.Success<ReturnType<typeof CoreLive>>

const toCliFailure = (error: unknown) =>
  error instanceof StartupError ? new CliFailure({ reason: error.reason, exitCode: error.exitCode }) : error

/** Runs an operator command's work over the configured database (the server key is not needed for these). */
export const withApp =
  (options: AppLayerOptions) =>
  <A, E>(work: (config: AppConfig) => Effect.Effect<A, E, CoreServices>) =>
    Effect.gen(function* () {
      const config = yield* loadConfig
      return yield* work(config).pipe(
        Effect.provide(CoreLive(config, options)),
        Effect.provide(LoggerLive(config, "stderr")),
        Effect.mapError(toCliFailure),
      )
    }).pipe(Effect.scoped)
