import { defaultPageLimit } from "../application/platform/page.js"
import type { BenchOptions } from "./event-store.js"
import { withCustomerServer } from "./http/customer-server.js"
import { seedAccount } from "./http/seed.js"
import { type Measurement, measureInterleaved } from "./measure.js"
import { markdown } from "./report.js"
import { vaultSteps } from "./vault/vault-steps.js"

const licenseCount = 20
const itemCount = 200

interface Row {
  readonly scenario: string
  /** HTTP requests one step makes. */
  readonly requests: number
  readonly measured: Measurement
  /** Licences or items one step handles. */
  readonly items?: number
}

const rate = (perSecond: number) => Math.round(perSecond).toLocaleString("en-US")
const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`

/**
 * The vault through its client library over real HTTP on loopback, beside the licence list: one
 * device, one call at a time, its AES-GCM in the loop. The contenders take turns (bench/measure.ts).
 */
export const vaultBenchmark = (options: BenchOptions): Promise<string> =>
  withCustomerServer(async (customer, base) => {
    options.log(`  seeding: one account with ${licenseCount} licences and a vault of ${itemCount} items`)
    const { token, credentials } = await seedAccount(base, licenseCount, (count) => customer.issue(count))
    const steps = await vaultSteps(base, { token, password: credentials.password }, itemCount)
    for (const secret of steps.secrets) customer.noteSecret(secret)

    const measure = options.quick
      ? { warmupSteps: 2, minSeconds: 0.5, sliceSeconds: 0.25 }
      : { warmupSteps: 10, minSeconds: 5, sliceSeconds: 0.5 }
    options.log(
      `  measuring: five contenders in turns, ${measure.sliceSeconds} s slices, at least ${measure.minSeconds} s each`,
    )
    const [bare, list, ciphertexts, decrypted, saves] = (await measureInterleaved(
      [steps.bare, steps.licenceList, steps.ciphertexts, steps.decrypted, steps.save],
      measure,
    )) as [Measurement, Measurement, Measurement, Measurement, Measurement]

    const pages = Math.ceil(itemCount / defaultPageLimit)
    const rows: ReadonlyArray<Row> = [
      { scenario: "bare Hono route, GET /bench/bare", requests: 1, measured: bare },
      {
        scenario: `licence list, GET /v1/licenses, ${licenseCount} licences`,
        requests: 1,
        measured: list,
        items: licenseCount,
      },
      {
        scenario: `vault list, ciphertexts only (api.listItems), ${itemCount} items`,
        requests: pages,
        measured: ciphertexts,
        items: itemCount,
      },
      {
        scenario: `vault list, decrypted (session.items()), ${itemCount} items`,
        requests: pages,
        measured: decrypted,
        items: itemCount,
      },
      {
        scenario: "vault save, an edit (session.save: AES-GCM + PUT)",
        requests: 1,
        measured: saves,
        items: 1,
      },
    ]
    const table = markdown(
      ["scenario", "requests a step", "steps/s", "items/s"],
      rows.map((row) => [
        row.scenario,
        String(row.requests),
        rate(row.measured.perSecond),
        row.items === undefined ? "-" : rate(row.measured.perSecond * row.items),
      ]),
      1,
    )
    return [
      "\nvault: the vault's client library over HTTP on loopback, beside the licence list\n",
      table,
      "",
      "One client in the server's process, one call at a time, through the platform fetch; the five" +
        ` take turns (${measure.sliceSeconds} s slices, at least ${measure.minSeconds} s each); steps/s` +
        ` is calls, lists or saves a second; the vault lists in pages of ${defaultPageLimit}.`,
      "The bare route (global middleware only) is the floor: what the platform fetch and the shell cost a call.",
      "",
      `Decrypted vault list ÷ licence list, lists a second: ${percent(decrypted.perSecond / list.perSecond)}` +
        ` (one full read of ${itemCount} items costs as much as ${(list.perSecond / decrypted.perSecond).toFixed(1)} licence lists).`,
      `Decrypted ÷ ciphertexts only: ${percent(decrypted.perSecond / ciphertexts.perSecond)}` +
        ` (what decrypting ${itemCount} items on the client leaves of the list rate).`,
      `Saves ÷ licence list, requests a second: ${percent(saves.perSecond / list.perSecond)}` +
        " (a save is an encryption, a key-proof check and an atomic append of two streams, fsync'd).",
    ].join("\n")
  })
