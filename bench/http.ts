import { availableParallelism } from "node:os"
import type { BenchOptions } from "./event-store.js"
import { withCustomerServer } from "./http/customer-server.js"
import { inTurns, type LoadOptions, type LoadResult, type LoadTarget, load } from "./http/load.js"
import { seedAccount } from "./http/seed.js"
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

/**
 * The customer API over real HTTP on loopback: the licence list against a bare Hono route on the same
 * server, logins alone, and the licence list while logins keep the Argon2id pool busy.
 */
export const httpBenchmark = (options: BenchOptions): Promise<string> =>
  withCustomerServer(async (customer, base) => {
    options.log(`  seeding: one account with ${licenseCount} licences`)
    const { token, credentials } = await seedAccount(base, licenseCount, (count) => customer.issue(count))

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
  })
