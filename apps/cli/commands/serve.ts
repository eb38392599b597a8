import { Command } from "@effect/cli"
import { Cause, Duration, Effect, Fiber, Layer, ManagedRuntime, Runtime, Schedule } from "effect"
import { pruneExpired } from "../../../application/accounts/housekeeping.js"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { seedSampleCatalog } from "../../../application/catalog/catalog-product.js"
import { EventStore } from "../../../application/event-log/event-store.js"
import { dispatchDue } from "../../../application/jobs/dispatch.js"
import { createHttpApp } from "../../http/app.js"
import { customerFeatures } from "../../http/features.js"
import { startHttpServer } from "../../http/server.js"
import { AppLive, LoggerLive } from "../../wiring/app-layer.js"
import { StartupError } from "../../wiring/startup-error.js"
import { CliFailure } from "../cli-failure.js"
import { loadConfig } from "../with-app.js"

const health = Effect.gen(function* () {
  const store = yield* EventStore
  const reached = yield* store.head.pipe(
    Effect.timeout(Duration.seconds(2)),
    Effect.as(true),
    Effect.catchAllCause(() => Effect.succeed(false)),
  )
  return { ok: reached, checks: { database: reached ? "ok" : "unreachable" } }
})

// Runs due jobs every second (a job due later is found by the round after its time, whichever
// process makes it); a failed round is logged and the loop goes on.
const dispatcher = dispatchDue({}).pipe(
  Effect.catchAllCause((cause) => Effect.logError("job dispatch failed", Cause.pretty(cause))),
  Effect.repeat(Schedule.spaced("1 second")),
)

// A first start on the embedded database is a trial: it gets the sample catalogue and a hint
// for issuing a key to register with. A shared (PostgreSQL) database is left to its operator.
const seedEmbeddedCatalog = (databaseUrl: string) =>
  Effect.gen(function* () {
    if (!databaseUrl.startsWith("sqlite:")) return
    const products = yield* (yield* CatalogDirectory).list
    if (products.length > 0) return
    yield* seedSampleCatalog()
    yield* Effect.logInfo(
      "empty database: the sample catalogue was loaded. Issue a demo key with " +
        "`npx portcullis keys issue --product cloud-app-security --package standard --seats 25 --expires 2027-03-31`, " +
        "preview it at GET /v1/license-keys/<key> and register it with POST /v1/accounts (see docs/api.md).",
    )
  })

// Expired sessions and stale throttle counters, every hour (and once at start).
const housekeeping = pruneExpired.pipe(
  Effect.tap(({ sessions, counters }) =>
    sessions + counters > 0
      ? Effect.logInfo("housekeeping").pipe(
          Effect.annotateLogs({ sessionsEnded: sessions, countersForgotten: counters }),
        )
      : Effect.void,
  ),
  Effect.catchAllCause((cause) => Effect.logError("housekeeping failed", Cause.pretty(cause))),
  Effect.repeat(Schedule.spaced("1 hour")),
)

export const serveCommand = Command.make("serve", {}, () =>
  Effect.gen(function* () {
    const config = yield* loadConfig
    const runtime = yield* Effect.acquireRelease(
      Effect.sync(() =>
        ManagedRuntime.make(
          AppLive(config, { migrate: true }).pipe(Layer.provideMerge(LoggerLive(config, "stdout"))),
        ),
      ),
      (runtime) => runtime.disposeEffect,
    )
    yield* Effect.tryPromise({
      try: () => runtime.runtime(),
      catch: (thrown) => {
        const error = Runtime.isFiberFailure(thrown)
          ? Cause.squash(thrown[Runtime.FiberFailureCauseId])
          : thrown
        return error instanceof StartupError
          ? new CliFailure({ reason: error.reason, exitCode: error.exitCode })
          : new CliFailure({
              reason: `cannot start: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
              exitCode: 1,
            })
      },
    })
    yield* Effect.promise(() => runtime.runPromise(seedEmbeddedCatalog(config.databaseUrl)))
    yield* Effect.acquireRelease(
      Effect.sync(() => runtime.runFork(dispatcher)),
      (fiber) => Fiber.interrupt(fiber),
    )
    yield* Effect.acquireRelease(
      Effect.sync(() => runtime.runFork(housekeeping)),
      (fiber) => Fiber.interrupt(fiber),
    )
    const app = createHttpApp({
      runtime,
      features: customerFeatures,
      health,
      info: { title: "Portcullis", version: "0.1.0" },
    })
    // Released first on SIGTERM: stop accepting, let in-flight requests finish; then the runtime
    // (and with it the database) is closed by the release above.
    const server = yield* Effect.acquireRelease(
      Effect.promise(() => startHttpServer(app, { port: config.port, hostname: config.host })),
      (server) =>
        Effect.promise(async () => {
          await runtime.runPromise(
            Effect.logInfo("SIGTERM: draining in-flight requests, then closing the database"),
          )
          await server.close()
        }),
    )
    yield* Effect.promise(() =>
      runtime.runPromise(
        Effect.logInfo(`Portcullis listening on http://${config.host}:${server.port}`).pipe(
          Effect.annotateLogs({ port: server.port, database: config.databaseUrl.split(":")[0] }),
        ),
      ),
    )
    return yield* Effect.never
  }).pipe(Effect.scoped),
).pipe(
  Command.withDescription(
    "Serve the HTTP API and run due jobs, e-mail among them (stops cleanly on SIGTERM)",
  ),
)
