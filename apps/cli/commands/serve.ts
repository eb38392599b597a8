import { Command } from "@effect/cli"
import { Cause, Duration, Effect, Exit, Fiber, Layer, ManagedRuntime, Runtime, Schedule } from "effect"
import { pruneExpired } from "../../../application/accounts/housekeeping.js"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { applyDueSunsets } from "../../../application/catalog/sunsets.js"
import { publishOwnKey } from "../../../application/entitlements/signing-key-registry.js"
import { EventStore } from "../../../application/event-log/event-store.js"
import { dispatchDue } from "../../../application/jobs/dispatch.js"
import { systemActor } from "../../../domain/kernel/index.js"
import { createHttpApp } from "../../http/app.js"
import { customerFeatures } from "../../http/features.js"
import { ListenFailed, startHttpServer } from "../../http/server.js"
import type { UnreadRequest } from "../../http/unread-requests.js"
import { customerPortal } from "../../portal/portal.js"
import { portalFeatures } from "../../portal/portal-features.js"
import { AppLive, LoggerLive } from "../../wiring/app-layer.js"
import { StartupError } from "../../wiring/startup-error.js"
import { CliFailure, usageError } from "../cli-failure.js"
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

// Neither database gets the sample catalogue by itself (docs/decisions.md): an empty catalogue
// is pointed out, with the command that loads it.
const hintOnEmptyCatalog = Effect.gen(function* () {
  const products = yield* (yield* CatalogDirectory).list
  if (products.length > 0) return
  yield* Effect.logInfo(
    "the product catalogue is empty: load the sample catalogue with `npx portcullis catalog seed`, then issue a demo key with " +
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

// A due sunset is found from the read model at start, whatever became of its job (decision 47):
// applying it is idempotent, so racing the job or another instance writes one ServiceSunset.
const sunsetSweep = applyDueSunsets({ actor: systemActor("serve/sunset-sweep") }).pipe(
  Effect.tap((answers) =>
    Effect.forEach(
      answers.filter((a) => a._tag === "Applied"),
      (a) => Effect.logInfo("sunset applied").pipe(Effect.annotateLogs({ product: a.productId })),
    ),
  ),
  Effect.catchAllCause((cause) => Effect.logError("sunset sweep failed", Cause.pretty(cause))),
)

// The signing key on record at start, so the JWKS of every instance names it before it signs; a key
// retired meanwhile is said at once (entitlements answer 503 until it is replaced).
const signingKeyOnRecord = publishOwnKey.pipe(
  Effect.catchAllCause((cause) =>
    Effect.logError("the signing key could not be published", Cause.pretty(cause)),
  ),
)

const startupFailure = (thrown: unknown) => {
  const error = Runtime.isFiberFailure(thrown) ? Cause.squash(thrown[Runtime.FiberFailureCauseId]) : thrown
  return error instanceof StartupError
    ? new CliFailure({ reason: error.reason, exitCode: error.exitCode })
    : new CliFailure({
        reason: `cannot start: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
        exitCode: 1,
      })
}

const listenFailure = (error: unknown) =>
  error instanceof ListenFailed
    ? usageError(`configuration error: ${error.message}`)
    : new CliFailure({ reason: `cannot listen: ${String(error)}`, exitCode: 1 })

// What can fail without touching anything comes first (the configuration, then the port, held
// from here on); only then is the database opened, migrated and the key file written. Requests
// that arrive meanwhile wait for the start to finish.
export const serveCommand = Command.make("serve", {}, () =>
  Effect.gen(function* () {
    const config = yield* loadConfig
    // Built on first use (below, after the port is held); released after the server has closed.
    const runtime = yield* Effect.acquireRelease(
      Effect.sync(() =>
        ManagedRuntime.make(
          AppLive(config, { migrate: true }).pipe(Layer.provideMerge(LoggerLive(config, "stdout"))),
        ),
      ),
      (runtime) => runtime.disposeEffect,
    )
    const app = createHttpApp({
      runtime,
      features: customerFeatures,
      health,
      corsOrigins: config.corsOrigins,
      info: { title: "Portcullis", version: "0.1.0" },
      portal: customerPortal({ runtime, features: portalFeatures, publicUrl: config.publicUrl }),
    })
    let started = false
    // True once started; false if the start failed (a request that waited is then told 503).
    let settle: (started: boolean) => void = () => {}
    const ready = new Promise<boolean>((resolve) => {
      settle = resolve
    })
    const whenStarted = {
      fetch: async (...args: Parameters<typeof app.fetch>) =>
        (await ready) ? app.fetch(...args) : new Response(null, { status: 503 }),
    }
    // Requests refused before the app read them, logged once started as the requests that waited are.
    const logUnreadRequest = (refusal: UnreadRequest) => {
      void ready.then((ok) => {
        if (!ok) return
        runtime.runFork(
          Effect.logInfo("http request refused unread").pipe(Effect.annotateLogs({ ...refusal })),
        )
      })
    }
    // Released first on SIGTERM: stop accepting, let in-flight requests finish; then the runtime
    // (and with it the database) is closed by the release above.
    const server = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          startHttpServer(whenStarted, {
            port: config.port,
            hostname: config.host,
            logUnreadRequest,
          }),
        catch: listenFailure,
      }),
      (server) =>
        Effect.promise(async () => {
          if (started) {
            await runtime.runPromise(
              Effect.logInfo("SIGTERM: draining in-flight requests, then closing the database"),
            )
          }
          await server.close()
        }),
    )
    yield* Effect.tryPromise({ try: () => runtime.runtime(), catch: startupFailure }).pipe(
      Effect.onExit((exit) => (Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => settle(false)))),
    )
    yield* Effect.promise(() => runtime.runPromise(hintOnEmptyCatalog))
    yield* Effect.promise(() => runtime.runPromise(sunsetSweep))
    yield* Effect.promise(() => runtime.runPromise(signingKeyOnRecord))
    yield* Effect.acquireRelease(
      Effect.sync(() => runtime.runFork(dispatcher)),
      (fiber) => Fiber.interrupt(fiber),
    )
    yield* Effect.acquireRelease(
      Effect.sync(() => runtime.runFork(housekeeping)),
      (fiber) => Fiber.interrupt(fiber),
    )
    started = true
    settle(true)
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
