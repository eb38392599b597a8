// A read model fed an append's events all at once (`applyAll`) ends as it would fed them one at a
// time (`apply`): random licence histories, appended in random groupings — a licence's registration
// and switch in one append, several switches of one licence, other events between — give the same
// rows inline as a rebuild by single events.
import { Arbitrary, Effect, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { licensesProjection } from "../../adapters/sql/licensing/licenses-projection.js"
import type { Projection } from "../../adapters/sql/projections/projection.js"
import { rebuildProjection } from "../../adapters/sql/projections/projection-runner.js"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { switchResultsProjection } from "../../adapters/sql/switching/switch-results-projection.js"
import type { StreamWrite } from "../../application/event-log/event-store.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { licenseCodec, licenseStreamId } from "../../domain/licensing/license.js"
import {
  LicenseKeyIssued,
  LicenseNotSwitched,
  LicenseRegistered,
  LicenseSuspended,
  ProductSwitched,
} from "../../domain/licensing/license-events.js"

const metadata = { actor: { kind: "operator" as const, id: "test" } }
const keys = ["k1", "k2", "k3", "k4"]
const later = fc.oneof(
  Arbitrary.make(ProductSwitched),
  Arbitrary.make(ProductSwitched),
  Arbitrary.make(LicenseNotSwitched),
  Arbitrary.make(LicenseRegistered),
  Arbitrary.make(LicenseSuspended),
)
// Each key is issued first; then events on random keys, cut into appends of a few writes each.
const history = fc.record({
  issued: fc.tuple(...keys.map(() => Arbitrary.make(LicenseKeyIssued))),
  rest: fc.array(fc.tuple(fc.constantFrom(...keys), later), { maxLength: 40 }),
  cuts: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 40, maxLength: 40 }),
})

/** The events as appends: consecutive events of one key share a write; a write per key per append. */
const appendsOf = (run: typeof history extends fc.Arbitrary<infer T> ? T : never) => {
  const events = [
    ...keys.map((key, i) => [key, run.issued[i]!] as const),
    ...run.rest.map(([key, event]) => [key, event] as const),
  ]
  const appends: Array<Array<StreamWrite>> = []
  let current: Array<StreamWrite> = []
  let cut = 0
  for (const [key, event] of events) {
    const streamId = licenseStreamId(key)
    const last = current.at(-1)
    const encoded = licenseCodec.encode(event)
    if (last?.streamId === streamId) {
      current[current.length - 1] = { ...last, events: [...last.events, encoded] }
      continue
    }
    if (current.some((w) => w.streamId === streamId) || current.length >= (run.cuts[cut] ?? 2)) {
      appends.push(current)
      current = []
      cut++
    }
    current.push({ streamId, events: [encoded], expected: ExpectedVersion.any })
  }
  if (current.length > 0) appends.push(current)
  return appends
}

const rowsOf = async (log: Awaited<ReturnType<typeof openSqlEventLog>>) => ({
  licenses: await log.database.db.selectFrom("licenses").selectAll().orderBy("key_hash").execute(),
  results: await log.database.db
    .selectFrom("switch_results")
    .selectAll()
    .orderBy("plan_id")
    .orderBy("license_id")
    .execute(),
})

const oneAtATime = (projection: Projection): Projection => {
  const { applyAll: _, ...single } = projection
  return single
}

describe("read models fed a whole append", () => {
  it("end as they would fed one event at a time", async () => {
    let batched = 0
    await fc.assert(
      fc.asyncProperty(history, async (run) => {
        const log = await openSqlEventLog("sqlite::memory:", {
          projections: [licensesProjection, switchResultsProjection],
        })
        try {
          const appends = appendsOf(run)
          // switch_results keeps one row per plan and licence: a plan's second word on a licence is
          // a conflict either way, so only histories without one are compared.
          const results = run.rest.filter(
            ([, e]) => e._tag !== "LicenseRegistered" && e._tag !== "LicenseSuspended",
          )
          const decided = results.map(([key, e]) => `${(e as { planId: string }).planId} ${key}`)
          fc.pre(new Set(decided).size === decided.length)
          for (const writes of appends) await Effect.runPromise(log.store.appendMany(writes, { metadata }))
          const inline = await rowsOf(log)
          await rebuildProjection(log.database, oneAtATime(licensesProjection))
          await rebuildProjection(log.database, oneAtATime(switchResultsProjection))
          expect(await rowsOf(log)).toEqual(inline)
          if (
            appends.some(
              (writes) =>
                writes.flatMap((w) => w.events).filter((e) => e.type === "ProductSwitched").length > 1,
            )
          )
            batched++
        } finally {
          await log.close()
        }
      }),
      { numRuns: 150 },
    )
    // Coverage guard: enough runs had an append with several switches, the case applyAll is for.
    expect(batched).toBeGreaterThan(30)
  })
})
