// The switch plan's run on the real app layer, SQLite and PostgreSQL: a canary batch, the rest, and
// a run again that changes nothing; the licences move with their last day, each switch is mailed once
// at the configured pace, the report counts it all, and an audit replay rebuilds the same results.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { AuditLog } from "../../application/audit/audit-log.js"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { LicenseDirectory } from "../../application/licensing/license-directory.js"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { reportSwitch, switchResults } from "../../application/switching/switch-report.js"
import { customerSwitchResults } from "../../application/switching/switch-result.js"
import { runSwitch } from "../../application/switching/switch-run.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { baseOf } from "../support/switch-base.js"
import { operator, useVaultApp, vaultTargets } from "../support/vault-app.js"

const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
const options = { batchSize: 2, mailsPerMinute: 60, metadata: operator }

describe.each(vaultTargets)("switch run on $name", (target) => {
  const app = useVaultApp(target)

  it("switches in batches, resumes where it stopped, mails each switch once, and replays the same", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const held = baseOf(app())
        const first = yield* held({ channel: "direct" })
        // This account already pays for ID Protection in the App Store: its mail says how to cancel one.
        yield* held({ channel: "app-store", productId: "id-protection", accountId: first.accountId })
        const switchedIds = [
          first.keyHash,
          (yield* held({ channel: "monthly-provider" })).keyHash,
          (yield* held({ channel: "direct", cancelledOn: "2025-06-05" })).keyHash,
        ]
        yield* held({ channel: "direct", cancelledOn: "2025-06-04" })
        yield* held({ channel: "google-play" })
        yield* held({ channel: "free" })
        yield* held({ channel: "direct", suspended: true })
        yield* held({ channel: "direct", expiresOn: "2026-11-30" })
        const plan = yield* createSwitchPlan(rules, operator)
        const canary = yield* runSwitch(plan.planId, { ...options, limit: 3 })
        const rest = yield* runSwitch(plan.planId, options)
        const store = yield* EventStore
        const headBefore = yield* store.head
        const again = yield* runSwitch(plan.planId, options)
        const headAfter = yield* store.head
        const report = yield* reportSwitch(plan.planId)
        const rows: Array<unknown> = []
        yield* switchResults(plan.planId, (page) => rows.push(...page))
        const directory = yield* LicenseDirectory
        const records = yield* Effect.forEach(switchedIds, (id) => directory.byKeyHash(id))
        const events = yield* app().allEvents
        const replay = yield* (yield* AuditLog).replay()
        const dues = yield* Effect.flatMap(app().sql, (db) =>
          Effect.promise(() =>
            db
              .selectFrom("outbox")
              .select(["next_attempt_at"])
              .where("correlation_id", "=", `switch-${plan.planId}`)
              .orderBy("position")
              .execute(),
          ),
        )
        return {
          canary,
          rest,
          again,
          unchanged: headAfter.position === headBefore.position,
          report,
          rows,
          records,
          switchedIds,
          events,
          replay,
          dues: dues.map((d) => Date.parse(String(d.next_attempt_at))),
          mails: yield* app().mails,
        }
      }),
    )
    expect(result.canary).toMatchObject({ decided: 3, remaining: 5 })
    expect(result.rest).toMatchObject({ decided: 5, remaining: 0 })
    expect(result.canary.switched + result.rest.switched).toBe(3)
    expect(result.again).toMatchObject({ decided: 0, switched: 0, mailsQueued: 0, remaining: 0 })
    expect(result.unchanged).toBe(true)
    expect(result.report).toMatchObject({
      fromProduct: "password-manager",
      toProduct: "id-protection",
      decided: 8,
      switched: 3,
      notSwitched: {
        "cancelled-by-cutoff": 1,
        "in-app-purchase": 1,
        "free-edition": 1,
        suspended: 1,
        expired: 1,
      },
      remaining: 0,
      mails: { queued: 3, sent: 0, waiting: 3, failed: 0 },
    })
    expect(result.report.batches).toBeGreaterThanOrEqual(4)
    expect(result.rows).toHaveLength(8)
    for (const record of result.records) {
      expect(record).toMatchObject({
        _tag: "Some",
        value: { productId: "id-protection", expiresOn: "2027-03-31" },
      })
    }
    const outcomes = result.events.filter(
      (e) => e.type === "ProductSwitched" || e.type === "LicenseNotSwitched",
    )
    expect(outcomes).toHaveLength(8)
    expect(new Set(outcomes.map((e) => e.streamId)).size).toBe(8)
    for (const e of outcomes) expect(e.metadata.actor).toEqual(operator.actor)
    expect(
      outcomes
        .filter((e) => e.type === "ProductSwitched")
        .map((e) => e.streamId.slice("license-".length))
        .sort(),
    ).toEqual([...result.switchedIds].sort())
    const switchMails = result.mails.filter((m) => m.subject.includes("切り替えが完了しました"))
    expect(switchMails).toHaveLength(3)
    expect(switchMails[0]?.subject).toBe("【Portcullis】ID プロテクションへの切り替えが完了しました")
    expect(switchMails.filter((m) => m.text.includes("App Store のサブスクリプション"))).toHaveLength(1)
    expect(switchMails.every((m) => m.text.includes("2027年3月31日"))).toBe(true)
    // One a second, the pace the run was given, also across the runs.
    const gaps = result.dues.slice(1).map((due, i) => due - result.dues[i]!)
    expect(gaps).toEqual([1000, 1000])
    expect(result.replay.drift).toEqual([])
  })
  it("shows a customer 'not yet' until the plan's results day begins in their zone, then the outcome", async () => {
    const seen = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const held = baseOf(app(), "b")
        const { accountId } = yield* held({ channel: "direct" })
        const plan = yield* createSwitchPlan({ ...rules, resultsFrom: "2026-12-05" }, operator)
        yield* runSwitch(plan.planId, options)
        const statuses = []
        // Tokyo is 9 hours ahead: the 5th begins there at 15:00 on the 4th, UTC.
        for (const at of ["2026-12-01T00:00:00Z", "2026-12-04T14:59:59Z", "2026-12-04T15:00:00Z"]) {
          yield* TestClock.setTime(Date.parse(at))
          statuses.push((yield* customerSwitchResults(accountId)).map((r) => r.status))
        }
        return statuses
      }),
    )
    expect(seen).toEqual([["not-yet"], ["not-yet"], ["switched"]])
  })

  it("shows 'not yet' for a licence the plan's run has not reached, then its outcome", async () => {
    const seen = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const { accountId, keyHash } = yield* baseOf(app(), "c")({ channel: "direct" })
        const plan = yield* createSwitchPlan(rules, operator)
        const mine = (results: ReadonlyArray<{ planId: string; licenseId: string; status: string }>) =>
          results.filter((r) => r.planId === plan.planId).map((r) => [r.licenseId, r.status])
        const before = mine(yield* customerSwitchResults(accountId))
        yield* runSwitch(plan.planId, options)
        return { keyHash, before, after: mine(yield* customerSwitchResults(accountId)) }
      }),
    )
    expect(seen.before).toEqual([[seen.keyHash, "not-yet"]])
    expect(seen.after).toEqual([[seen.keyHash, "switched"]])
  })
})
