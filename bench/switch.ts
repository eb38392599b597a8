import { Effect, type ManagedRuntime } from "effect"
import { EventStore, type StreamWrite } from "../application/event-log/event-store.js"
import { createSwitchPlan } from "../application/switching/switch-plans.js"
import { previewSwitch } from "../application/switching/switch-preview.js"
import { runSwitch } from "../application/switching/switch-run.js"
import { ExpectedVersion } from "../domain/kernel/index.js"
import { passwordManagerSwitch } from "../domain/switching/switch-rules.js"
import { customerApp } from "../tests/http/customer-app.js"
import { freshDatabase, postgresReachable, storeUrl } from "./databases.js"
import type { BenchOptions } from "./event-store.js"
import { markdown } from "./report.js"
import { seedCustomerBase } from "./switch/customer-base.js"

const operator = { actor: { kind: "operator" as const, id: "bench" } }
const batchSize = 200
const target = 0.3
const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})

const rate = (perSecond: number) => Math.round(perSecond).toLocaleString("en-US")
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`

const timed = async <A>(work: () => Promise<A>) => {
  const started = performance.now()
  const result = await work()
  return { result, seconds: (performance.now() - started) / 1000 }
}

/**
 * What the run appends, without the run: one small event on each of `count` fresh streams, `batchSize`
 * streams to an append, through the same store with the same read models.
 */
const rawAppends = (count: number, prefix: string) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    for (let from = 0; from < count; from += batchSize) {
      const writes: Array<StreamWrite> = []
      for (let i = from; i < Math.min(count, from + batchSize); i++) {
        writes.push({
          streamId: `bench-raw-${prefix}-${i}`,
          events: [
            { type: "BenchNoted", schemaVersion: 1, data: { planId: "bench", reason: "in-app-purchase" } },
          ],
          expected: ExpectedVersion.noStream,
        })
      }
      yield* store.appendMany(writes, { metadata: operator })
    }
  })

interface Row {
  readonly dialect: string
  readonly accounts: number
  readonly preview: number
  readonly run: number
  readonly runEvents: number
  readonly raw: number
}

const measureOn = async (dialect: "sqlite" | "postgres", accounts: number, log: (line: string) => void) => {
  const database = freshDatabase(dialect)
  const customer = await customerApp(dialect === "postgres" ? { databaseUrl: storeUrl(database) } : {})
  const on = <A, E>(
    effect: Effect.Effect<A, E, ManagedRuntime.ManagedRuntime.Context<typeof customer.runtime>>,
  ) => customer.runtime.runPromise(effect)
  try {
    log(`  ${dialect}: writing ${accounts.toLocaleString("en-US")} Password Manager accounts`)
    await on(seedCustomerBase(accounts, 500, log))
    const plan = await on(createSwitchPlan(rules, operator))
    log(`  ${dialect}: preview`)
    const preview = await timed(() => on(previewSwitch(plan.planId)))
    // The raw appends run half before the run and half after it, so both see the disk's drift.
    log(`  ${dialect}: raw appends (half), run, raw appends (half)`)
    const half = Math.ceil(accounts / 2)
    const rawBefore = await timed(() => on(rawAppends(half, "a")))
    const run = await timed(() =>
      on(runSwitch(plan.planId, { batchSize, mailsPerMinute: 1_000_000, metadata: operator })),
    )
    const rawAfter = await timed(() => on(rawAppends(accounts - half, "b")))
    if (run.result.decided !== accounts)
      throw new Error(`the run decided ${run.result.decided} of ${accounts}`)
    const batches = Math.ceil(accounts / batchSize)
    return {
      dialect,
      accounts,
      preview: preview.result.sources / preview.seconds,
      run: accounts / run.seconds,
      runEvents: (accounts + batches) / run.seconds,
      raw: accounts / (rawBefore.seconds + rawAfter.seconds),
    } satisfies Row
  } finally {
    await customer.close()
    await database.dispose()
  }
}

/**
 * The switch programme over a generated customer base: `switch preview` and `switch run`
 * throughput beside the raw append throughput of the same store, in the same run, for the same
 * number of events. Target: the run at ≥ 30 % of raw appends.
 */
export const switchBenchmark = async (options: BenchOptions): Promise<string> => {
  const accounts = options.quick ? 5_000 : 100_000
  const rows: Array<Row> = [await measureOn("sqlite", accounts, options.log)]
  if (await postgresReachable()) rows.push(await measureOn("postgres", accounts, options.log))
  else options.log("  PostgreSQL not reachable: its row is left out")
  const table = markdown(
    [
      "store",
      "accounts",
      "preview, licences/s",
      "run, licences/s",
      "run, events/s",
      "raw append, events/s",
      "run / raw",
      "target",
    ],
    rows.map((r) => [
      r.dialect,
      r.accounts.toLocaleString("en-US"),
      rate(r.preview),
      rate(r.run),
      rate(r.runEvents),
      rate(r.raw),
      percent(r.runEvents / r.raw),
      `${percent(target)} ${r.runEvents / r.raw >= target ? "PASS" : "FAIL"}`,
    ]),
    1,
  )
  return `\nswitch: a plan over a generated base of Password Manager accounts\n\n${table}`
}
