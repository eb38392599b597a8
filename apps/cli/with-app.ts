import { Effect, type Layer } from "effect"
import { type AppConfig, appConfig, describeConfigError } from "../config/config.js"
import { type AppLayerOptions, AppLive, CoreLive, LoggerLive } from "../wiring/app-layer.js"
import { StartupError } from "../wiring/startup-error.js"
import { CliFailure } from "./cli-failure.js"

export const loadConfig = appConfig.pipe(
  Effect.mapError(
    (error) => new CliFailure({ reason: `configuration error: ${describeConfigError(error)}`, exitCode: 2 }),
  ),
)

const toCliFailure = (error: unknown) =>
  error instanceof StartupError ? new CliFailure({ reason: error.reason, exitCode: error.exitCode }) : error

const runWith =
  <ROut, LE>(layerFor: (config: AppConfig) => Layer.Layer<ROut, LE>) =>
  <A, E>(work: (config: AppConfig) => Effect.Effect<A, E, ROut>) =>
    Effect.gen(function* () {
      const config = yield* loadConfig
      return yield* work(config).pipe(
        Effect.provide(layerFor(config)),
        Effect.provide(LoggerLive(config, "stderr")),
        Effect.mapError(toCliFailure),
      )
    }).pipe(Effect.scoped)

/** Runs an operator command's work over the configured database (the server key is not needed for these). */
export const withApp = (options: AppLayerOptions) => runWith((config) => CoreLive(config, options))

/** The same, with the server key's services too (secret box, keyed digests): for commands that touch secrets. */
export const withKeys = (options: AppLayerOptions) => runWith((config) => AppLive(config, options))
