// The switch run's promise, over random customer bases and random ways of stopping it: run once
// cleanly on one store; on another, run it in canary batches, crashing before or after an append at
// random, then finish. Both end with the same outcome for every licence and the same mails, no
// licence decided twice, and switched + not switched = the source licences.
import { Effect, FastCheck as fc } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { catalogProduct, seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { SwitchLedger } from "../../application/switching/switch-ledger.js"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { runSwitch } from "../../application/switching/switch-run.js"
import { accountFacts } from "../../application/two-factor/account-facts.js"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { sqliteFile } from "../support/stores.js"
import { baseOf, type Holding } from "../support/switch-base.js"
import { operator, type VaultApp, vaultApp } from "../support/vault-app.js"

const channels: ReadonlyArray<SalesChannel> = [
  "direct",
  "monthly-provider",
  "app-store",
  "google-play",
  "free",
]

const holding = fc.record({
  channel: fc.constantFrom(...channels),
  cancelledOn: fc.constantFrom(undefined, undefined, "2025-06-04", "2025-06-05"),
  expired: fc.nat(5).map((n) => n === 0),
  suspended: fc.nat(5).map((n) => n === 0),
  /** A paid ID Protection licence the account holds already, and its channel. */
  alsoHolds: fc.constantFrom(undefined, undefined, "direct" as const, "google-play" as const),
})

type Stop = "none" | "before-append" | "after-append"
const step = fc.record({
  limit: fc.integer({ min: 1, max: 4 }),
  batchSize: fc.integer({ min: 1, max: 3 }),
  stop: fc.constantFrom<Stop>("none", "before-append", "after-append"),
  /** Which of the run's appends the crash comes at. */
  at: fc.nat(2),
})

/** An event store that crashes at its `at`-th append of several streams, before or after it commits. */
const crashing = (stop: Stop, at: number) =>
  Effect.map(EventStore, (store) => {
    let appends = 0
    return {
      ...store,
      appendMany: ((writes, options) =>
        appends++ !== at || stop === "none"
          ? store.appendMany(writes, options)
          : stop === "before-append"
            ? Effect.die("crash before the append")
            : Effect.zipRight(
                store.appendMany(writes, options),
                Effect.die("crash after the append"),
              )) as typeof store.appendMany,
    }
  })

let round = 0
const seen = new Set<string>()

describe("switch run over random bases and stops", () => {
  let clean: VaultApp
  let stopped: VaultApp
  beforeAll(async () => {
    clean = await vaultApp(sqliteFile)
    stopped = await vaultApp(sqliteFile)
    for (const app of [clean, stopped]) await app.run(seedSampleCatalog())
  })
  afterAll(async () => {
    await clean?.close()
    await stopped?.close()
  })

  it("stopped anywhere and run again, decides and mails as one clean run, each licence once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(holding, { minLength: 1, maxLength: 7 }),
        fc.array(step, { maxLength: 5 }),
        async (holdings, steps) => {
          round++
          const productId = `pm-${round}`
          const rules = {
            ...passwordManagerSwitch({
              cancelCutoff: "2025-06-04",
              keysValidFrom: "2025-06-05",
              resultsFrom: "2025-06-01",
            }),
            fromProduct: productId,
          }
          const pmDetails = sampleCatalog.find((p) => p.productId === "password-manager")!.details
          // The same base on both stores; accounts are told apart by the holding they came with.
          const seed = (app: VaultApp) =>
            Effect.gen(function* () {
              yield* catalogProduct(productId, pmDetails, operator)
              const held = baseOf(app, `r${round}x`)
              const owners: Array<string> = []
              for (const h of holdings) {
                const base: Holding = {
                  channel: h.channel,
                  productId,
                  ...(h.cancelledOn === undefined ? {} : { cancelledOn: h.cancelledOn }),
                  ...(h.expired ? { expiresOn: "2026-11-30" } : {}),
                  ...(h.suspended ? { suspended: true } : {}),
                }
                const { accountId } = yield* held(base)
                if (h.alsoHolds !== undefined)
                  yield* held({ channel: h.alsoHolds, productId: "id-protection", accountId })
                owners.push(accountId)
              }
              const plan = yield* createSwitchPlan(rules, operator)
              return { owners, planId: plan.planId }
            })
          const outcomeOf = (app: VaultApp, planId: string, owners: ReadonlyArray<string>) =>
            Effect.gen(function* () {
              const ledger = yield* SwitchLedger
              const results = yield* ledger.results(planId, { after: undefined, limit: 1000 })
              const addresses = yield* Effect.forEach(owners, (id) =>
                Effect.map(accountFacts(id), allAddresses),
              )
              const holderOf = (to: ReadonlyArray<string>) =>
                addresses.findIndex((a) => a.every((x) => to.includes(x)) && a.length === to.length)
              const mails = (yield* app.mails)
                .filter((m) => m.subject.includes("切り替えが完了しました"))
                .filter((m) => holderOf(m.to) >= 0)
                .map((m) => `${holderOf(m.to)} ${m.subject} ${m.text}`)
                .sort()
              const events = (yield* app.allEvents).filter(
                (e) =>
                  (e.type === "ProductSwitched" || e.type === "LicenseNotSwitched") &&
                  (e.data as { planId?: string }).planId === planId,
              )
              return {
                results: results.map(({ decidedAt, planId: _, accountId, ...r }) => r),
                mails,
                decisionsPerLicence: new Set(events.map((e) => e.streamId)).size === events.length,
                counts: yield* ledger.counts(planId),
                remaining: yield* ledger.undecided(productId, planId),
              }
            })
          const options = { batchSize: 2, mailsPerMinute: 600, metadata: operator }
          const once = await clean.run(
            Effect.gen(function* () {
              const { owners, planId } = yield* seed(clean)
              yield* runSwitch(planId, options)
              return yield* outcomeOf(clean, planId, owners)
            }),
          )
          const resumed = await stopped.run(
            Effect.gen(function* () {
              const { owners, planId } = yield* seed(stopped)
              for (const s of steps) {
                const store = yield* crashing(s.stop, s.at)
                yield* Effect.exit(
                  runSwitch(planId, { ...options, limit: s.limit, batchSize: s.batchSize }).pipe(
                    Effect.provideService(EventStore, store),
                  ),
                )
              }
              yield* runSwitch(planId, options)
              return yield* outcomeOf(stopped, planId, owners)
            }),
          )
          // Licence ids differ only by nothing: both bases were made in the same order under one prefix.
          expect(resumed.results).toEqual(once.results)
          expect(resumed.mails).toEqual(once.mails)
          for (const side of [once, resumed]) {
            expect(side.decisionsPerLicence).toBe(true)
            expect(side.remaining).toBe(0)
            const notSwitched = Object.values(side.counts.notSwitched).reduce((n, c) => n + (c ?? 0), 0)
            expect(side.counts.switched + notSwitched).toBe(holdings.length)
            expect(side.mails).toHaveLength(side.counts.switched)
          }
          expect(once.results).toHaveLength(holdings.length)
          for (const s of steps) if (s.stop !== "none") seen.add(s.stop)
          for (const r of once.results) seen.add(r.outcome === "switched" ? r.outcome : r.reason)
          if (once.mails.some((m) => m.includes("解約してください"))) seen.add("second-licence advice")
        },
      ),
      { numRuns: 50 },
    )
    // The coverage guard: the runs above crashed both ways and met every kind of outcome.
    expect([...seen].sort()).toEqual(
      [
        "after-append",
        "before-append",
        "cancelled-by-cutoff",
        "expired",
        "free-edition",
        "in-app-purchase",
        "second-licence advice",
        "suspended",
        "switched",
      ].sort(),
    )
  })
})
