import { connect } from "node:net"
import { Deferred, Effect, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { type RunningHttpServer, startHttpServer } from "../../apps/http/server.js"
import { defineFeature } from "../../apps/http/shell/feature.js"
import { defineRoute } from "../../apps/http/shell/route.js"
import { sampleApp } from "./sample-app.js"

const refusesConnections = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, "127.0.0.1")
    socket.once("connect", () => {
      socket.destroy()
      resolve("connected")
    })
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"))
  })

describe("startHttpServer", () => {
  let server: RunningHttpServer | undefined
  afterEach(() => server?.close())

  it("lets an in-flight request finish on close, while refusing new connections", async () => {
    const started = Effect.runSync(Deferred.make<void>())
    const release = Effect.runSync(Deferred.make<void>())
    const slow = defineRoute({
      method: "GET",
      path: "/slow",
      summary: "Waits until the test lets it go",
      auth: "none",
      responses: { 200: { description: "Done", schema: Schema.Struct({ finished: Schema.Boolean }) } },
      failures: {},
      handler: () =>
        Deferred.succeed(started, undefined).pipe(
          Effect.zipRight(Deferred.await(release)),
          Effect.as({ status: 200, body: { finished: true } }),
        ),
    })
    const { app } = sampleApp({ features: [defineFeature({ name: "slow", routes: [slow], problems: {} })] })
    server = await startHttpServer(app, { port: 0, hostname: "127.0.0.1", shutdownGraceMs: 5_000 })
    expect(server.port).toBeGreaterThan(0)

    const inFlight = fetch(`http://127.0.0.1:${server.port}/slow`)
    await Effect.runPromise(Deferred.await(started))
    const closedAt = Date.now()
    const closing = server.close()

    expect(await refusesConnections(server.port)).toBe("ECONNREFUSED")
    await Effect.runPromise(Deferred.succeed(release, undefined))
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ finished: true })
    await closing
    // Well inside the grace period: the finished keep-alive connection did not hold the server open.
    expect(Date.now() - closedAt).toBeLessThan(2_000)
  })

  it("cuts a request that outlives the grace period, then resolves", async () => {
    const started = Effect.runSync(Deferred.make<void>())
    const stuck = defineRoute({
      method: "GET",
      path: "/stuck",
      summary: "Never answers",
      auth: "none",
      responses: { 204: { description: "Never" } },
      failures: {},
      handler: () => Deferred.succeed(started, undefined).pipe(Effect.zipRight(Effect.never)),
    })
    const { app, runtime } = sampleApp({
      features: [defineFeature({ name: "stuck", routes: [stuck], problems: {} })],
    })
    server = await startHttpServer(app, { port: 0, hostname: "127.0.0.1", shutdownGraceMs: 200 })
    const inFlight = fetch(`http://127.0.0.1:${server.port}/stuck`).then(
      () => "answered",
      () => "cut",
    )
    await Effect.runPromise(Deferred.await(started))
    await server.close()
    expect(await inFlight).toBe("cut")
    await runtime.dispose()
  })
})
