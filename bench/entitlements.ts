import type { BenchOptions } from "./event-store.js"
import { withCustomerServer } from "./http/customer-server.js"
import { inTurns, type LoadResult, type LoadTarget, load } from "./http/load.js"
import { seedAccount } from "./http/seed.js"
import { markdown } from "./report.js"

const licenseCount = 5
const connections = 10
const shareTarget = 0.5
const p99TargetMs = 20

/**
 * Signed entitlements over HTTP on loopback, as an app asks for them: GET /v1/app/entitlement with an
 * app session's access token (the token checked, the session read, the phase gate, the licences, an
 * Ed25519 signature or the kept one) against the bare Hono route in turns, then while logins keep
 * the Argon2id pool busy.
 */
export const entitlementsBenchmark = (options: BenchOptions): Promise<string> =>
  withCustomerServer(async (customer, base) => {
    options.log(`  seeding: one account with ${licenseCount} licences`)
    const { credentials } = await seedAccount(base, licenseCount, (count) => customer.issue(count))
    const signedIn = await fetch(`${base}/v1/app-sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...credentials, productId: "cloud-app-security", deviceName: "bench" }),
    })
    if (signedIn.status !== 201) throw new Error(`app sign-in answered ${signedIn.status}`)
    const { accessToken } = (await signedIn.json()) as { accessToken: string }
    const bare: LoadTarget = { label: "bare route", url: `${base}/bench/bare` }
    const entitlement: LoadTarget = {
      label: "entitlement",
      url: `${base}/v1/app/entitlement`,
      headers: { authorization: `Bearer ${accessToken}` },
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
    options.log("  warm-up (not counted)")
    for (const target of [bare, entitlement, logins])
      await load(target, { seconds: 1, connections, log: options.log })
    const [bareResult, entitled] = await inTurns([bare, entitlement], {
      seconds,
      rounds,
      connections,
      log: options.log,
    })
    const [underLogins] = await Promise.all([
      load(
        { ...entitlement, label: "entitlement, during logins" },
        { seconds, connections, log: options.log },
      ),
      load({ ...logins, label: "logins, during entitlements" }, { seconds, connections, log: options.log }),
    ])
    const rows: ReadonlyArray<readonly [string, LoadResult]> = [
      ["bare Hono route, GET /bench/bare (in turns)", bareResult],
      [`signed entitlement, ${licenseCount} licences (in turns)`, entitled],
      ["signed entitlement, while logins run", underLogins],
    ]
    const share = entitled.rps / bareResult.rps
    const shareOk = share >= shareTarget
    const p99Ok = underLogins.p99 < p99TargetMs && underLogins.rps > 0
    return [
      "\nentitlements: a signed entitlement over HTTP on loopback against a bare Hono route on the same server\n",
      markdown(
        ["scenario", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"],
        rows.map(([scenario, r]) => [
          scenario,
          Math.round(r.rps).toLocaleString("en-US"),
          String(r.p50),
          String(r.p99),
          String(r.non2xx),
          String(r.errors),
        ]),
        1,
      ),
      "",
      `${connections} connections, pipelining 1, ${seconds} s a run; the bare route and the entitlement take turns.`,
      `Entitlement ÷ bare route req/s: ${(share * 100).toFixed(0)} % (target ≥ ${shareTarget * 100} %): ${shareOk ? "pass" : "FAIL"}`,
      `Entitlement p99 while logins saturate the Argon2id pool: ${underLogins.p99} ms (target < ${p99TargetMs} ms): ${p99Ok ? "pass" : "FAIL"}`,
      shareOk && p99Ok ? "\nBoth targets met." : "\nTargets below: FAIL; the exit code stays 0.",
    ].join("\n")
  })
