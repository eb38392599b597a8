import { availableParallelism } from "node:os"
import { startHttpServer } from "../apps/http/server.js"
// The same fixture as the HTTP tests: the real app, on a fresh embedded database in a temp folder.
import { customerApp, json, registration } from "../tests/http/customer-app.js"
import type { BenchOptions } from "./event-store.js"
import { inTurns, type LoadOptions, type LoadResult, type LoadTarget, load } from "./http/load.js"
import { markdown } from "./report.js"

const licenseCount = 20
const connections = 10
const listShareTarget = 0.4
const listP99TargetMs = 50

interface Row {
  readonly scenario: string
  readonly result: LoadResult
}

const formatRows = (rows: ReadonlyArray<Row>) =>
  markdown(
    ["scenario", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"],
    rows.map(({ scenario, result }) => [
      scenario,
      Math.round(result.rps).toLocaleString("en-US"),
      String(result.p50),
      String(result.p99),
      String(result.non2xx),
      String(result.errors),
    ]),
    1,
  )

const call = async (base: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${base}${path}`, init)
  const text = await response.text()
  const body: unknown = text === "" ? undefined : JSON.parse(text)
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${text}`)
  return body
}

/** One account holding `licenseCount` licences, and a session token for it. */
const seed = async (base: string, issue: (count: number) => Promise<ReadonlyArray<string>>) => {
  const [first, ...rest] = await issue(licenseCount)
  const form = registration(first!)
  await call(base, "/v1/accounts", json("POST", form))
  const credentials = { loginId: form.loginId, password: form.password }
  const { token } = (await call(base, "/v1/sessions", json("POST", credentials))) as { token: string }
  for (const licenseKey of rest) {
    await call(base, "/v1/licenses", json("POST", { licenseKey, acceptEula: true }, token))
  }
  const { licenses } = (await call(base, "/v1/licenses", {
    headers: { authorization: `Bearer ${token}` },
  })) as { licenses: ReadonlyArray<unknown> }
  if (licenses.length !== licenseCount) {
    throw new Error(`GET /v1/licenses answered ${licenses.length} licences, expected ${licenseCount}`)
  }
  return { token, credentials }
}

/**
 * The customer API over real HTTP on loopback: the licence list against a bare Hono route on the same
 * server, logins alone, and the licence list while logins keep the Argon2id pool busy.
 */
export const httpBenchmark = async (options: BenchOptions): Promise<string> => {
  const customer = await customerApp()
  try {
    // Through the global middleware (request id, access log, secure headers, 405 check, body limit),
    // but not the per-route Effect runtime, schemas, authentication or SQL.
    customer.app.get("/bench/bare", (c) => c.json({ ok: true }))
    const server = await startHttpServer(customer.app, {
      port: 0,
      hostname: "127.0.0.1",
      shutdownGraceMs: 1000,
    })
    try {
      const base = `http://127.0.0.1:${server.port}`
      options.log(`  seeding: one account with ${licenseCount} licences`)
      const { token, credentials } = await seed(base, (count) => customer.issue(count))

      const bare: LoadTarget = { label: "bare route", url: `${base}/bench/bare` }
      const list: LoadTarget = {
        label: "licence list",
        url: `${base}/v1/licenses`,
        headers: { authorization: `Bearer ${token}` },
      }
      const logins: LoadTarget = {
        label: "logins",
        url: `${base}/v1/sessions`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(credentials),
      }
      const seconds = options.quick ? 2 : 10
      const rounds = options.quick ? 2 : 5
      const run = (target: LoadTarget, runSeconds = seconds) =>
        load(target, { seconds: runSeconds, connections, log: options.log } satisfies LoadOptions)

      options.log("  warm-up (not counted)")
      for (const target of [bare, list, logins]) await run(target, 1)

      options.log(
        `  measuring: ${connections} connections, pipelining 1, ${seconds} s a run` +
          ` (the bare route and the list in ${rounds} turns of ${seconds / rounds} s each)`,
      )
      const [bareResult, listResult] = await inTurns([bare, list], {
        seconds,
        rounds,
        connections,
        log: options.log,
      })
      const loginsAlone = await run(logins)
      const [listUnderLogins, loginsUnderList] = await Promise.all([
        run({ ...list, label: "licence list, during logins" }),
        run({ ...logins, label: "logins, during licence list" }),
      ])

      const rows: Array<Row> = [
        { scenario: "bare Hono route, GET /bench/bare (in turns)", result: bareResult },
        {
          scenario: `licence list, GET /v1/licenses, ${licenseCount} licences (in turns)`,
          result: listResult,
        },
        { scenario: "logins alone, POST /v1/sessions", result: loginsAlone },
        { scenario: "licence list, while logins run", result: listUnderLogins },
        { scenario: "logins, while the licence list runs", result: loginsUnderList },
      ]
      const share = listResult.rps / bareResult.rps
      const shareOk = share >= listShareTarget
      const p99Ok = listUnderLogins.p99 < listP99TargetMs && listUnderLogins.rps > 0
      const poolSize = process.env.UV_THREADPOOL_SIZE ?? "4"
      return [
        "\nhttp: the customer API over HTTP on loopback against a bare Hono route on the same server\n",
        formatRows(rows),
        "",
        `${connections} connections each, pipelining 1, ${seconds} s a run; the bare route and the list` +
          ` take turns (${rounds} slices of ${seconds / rounds} s each; req/s over all slices, p50 the` +
          " median slice's, p99 the worst slice's); latencies in whole ms" +
          " (autocannon's histogram floors), 2xx responses only; req/s counts 2xx responses only.",
        "The bare route passes the global middleware (request id, access log, secure headers, 405 check," +
          " body limit) but skips the per-route Effect runtime, schemas, authentication and SQL.",
        "autocannon runs in worker threads of this process: event loops of their own, the same CPUs" +
          " as the server.",
        `Argon2id: at most ${Math.max(1, availableParallelism() - 1)} hash(es) at once (one core fewer than os.availableParallelism() = ${availableParallelism()}), on libuv's pool of ${poolSize} threads.`,
        "",
        `Licence list ÷ bare route req/s: ${(share * 100).toFixed(0)} % (target ≥ ${listShareTarget * 100} %): ${shareOk ? "pass" : "FAIL"}`,
        `Licence list p99 while logins saturate the Argon2id pool: ${listUnderLogins.p99} ms` +
          ` (target < ${listP99TargetMs} ms): ${p99Ok ? "pass" : "FAIL"}`,
        shareOk && p99Ok ? "\nBoth targets met." : "\nTargets below: FAIL; the exit code stays 0.",
      ].join("\n")
    } finally {
      await server.close()
    }
  } finally {
    await customer.close()
  }
}
