// The console port's HTTP adapter against a console that speaks its wire (here a small server in
// front of the simulated console): the same answers as the port's other adapter, the idempotency
// key sent on every call, and anything else (an error status, a body that does not fit, no server)
// the console unavailable.
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeHttpConsole } from "../../adapters/console/http-console.js"
import { makeSimulatedConsole } from "../../adapters/sql/instances/simulated-console.js"
import { makeSqlConsoleFaultSettings } from "../../adapters/sql/instances/sql-console-faults.js"
import type { ConsolePortApi } from "../../application/instances/console-port.js"
import { openTestLog, sqliteMemory } from "../support/stores.js"

type Log = Awaited<ReturnType<typeof openTestLog>>
let log: Log
let server: Server
let base: string
const keys: Array<string> = []

/** The wire, served by the simulated console. */
const serve = (simulated: ConsolePortApi) =>
  createServer((req, res) => {
    const key = String(req.headers["idempotency-key"] ?? "")
    keys.push(key)
    const [, , id, what, attempt] = (req.url ?? "").split("/")
    const call = { instanceId: id ?? "", idempotencyKey: key, attempt: Number(attempt) }
    const answer = (body: unknown, status = 200) => {
      res.writeHead(status, { "content-type": "application/json" })
      res.end(JSON.stringify(body))
    }
    if (id === "broken") return answer({ status: "maybe" })
    if (id === "failing") return answer({}, 502)
    const run = <A>(effect: Effect.Effect<A, unknown>) =>
      Effect.runPromise(effect).then(answer, () => answer({}, 503))
    if (what === "provision")
      return run(
        Effect.map(simulated.provision(call), (a) =>
          a._tag === "Provisioned"
            ? { status: "provisioned" }
            : { status: "in-progress", checkAt: a.checkAt },
        ),
      )
    if (what === "users") return run(Effect.map(simulated.consoleUsers(call), (users) => ({ users })))
    if (req.method === "POST")
      return run(
        Effect.map(simulated.startUpdate(call), (a) =>
          a._tag === "Started"
            ? { status: "started" }
            : { status: "temporary-problem", reason: a.reason, retryAt: a.retryAt },
        ),
      )
    return run(
      Effect.map(simulated.updateStatus(call), (a) =>
        a._tag === "Finished" ? { status: "finished" } : { status: "in-progress", checkAt: a.checkAt },
      ),
    )
  })

beforeAll(async () => {
  log = await openTestLog(sqliteMemory)
  const faults = makeSqlConsoleFaultSettings(log.database)
  await Effect.runPromise(faults.write({ script: ["fail", "ok"], failureRate: 0 }))
  server = serve(
    makeSimulatedConsole(
      log.database,
      { provisionSeconds: 0, updateSeconds: 0, retryAfterSeconds: 30 },
      faults,
    ),
  )
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await log.close()
})

describe("the console port over HTTP", () => {
  it("answers as the console does, with the idempotency key on every call", async () => {
    const port = makeHttpConsole({ baseUrl: base })
    const call = (key: string, attempt = 1) => ({ instanceId: "i1", idempotencyKey: key, attempt })
    await Effect.runPromise(
      Effect.gen(function* () {
        expect(yield* port.provision(call("provision:i1"))).toEqual({ _tag: "Provisioned" })
        expect((yield* port.consoleUsers(call("users:i1"))).map((u) => u.userName)).toContain("admin")
        expect(yield* port.startUpdate(call("update:i1:1"))).toMatchObject({ _tag: "TemporaryProblem" })
        expect(yield* port.startUpdate(call("update:i1:1"))).toMatchObject({ _tag: "TemporaryProblem" })
        expect(yield* port.startUpdate(call("update:i1:2", 2))).toEqual({ _tag: "Started" })
        expect(yield* port.updateStatus(call("update-status:i1:2", 2))).toEqual({ _tag: "Finished" })
      }),
    )
    expect(keys).toEqual([
      "provision:i1",
      "users:i1",
      "update:i1:1",
      "update:i1:1",
      "update:i1:2",
      "update-status:i1:2",
    ])
  })

  it("counts an error status, a body that does not fit, and no server as the console unavailable", async () => {
    const port = makeHttpConsole({ baseUrl: base })
    const nowhere = makeHttpConsole({ baseUrl: "http://127.0.0.1:9", timeoutMillis: 2000 })
    for (const [p, instanceId] of [
      [port, "failing"],
      [port, "broken"],
      [nowhere, "i1"],
    ] as const) {
      const answer = await Effect.runPromise(Effect.either(p.provision({ instanceId, idempotencyKey: "k" })))
      expect(Either.isLeft(answer) && answer.left._tag).toBe("ConsoleUnavailable")
    }
  })
})
