// The switch plan's dry run on the real app layer, SQLite and PostgreSQL: every registered licence of
// the source product decided by the plan's rules in its owner's calendar, counted by outcome and
// reason, one row each; nothing written.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { previewCsv, previewSwitch } from "../../application/switching/switch-preview.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { baseOf, type Holding } from "../support/switch-base.js"
import { operator, useVaultApp, vaultTargets } from "../support/vault-app.js"

const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})

describe.each(vaultTargets)("switch preview on $name", (target) => {
  const app = useVaultApp(target)

  it("decides every source licence by the plan's rules, counts each outcome, and writes nothing", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const base = baseOf(app())
        const held = (channel: SalesChannel, change: Omit<Holding, "channel"> = {}) =>
          Effect.map(base({ channel, ...change }), (h) => h.keyHash)
        const switchedIds = [
          yield* held("direct"),
          yield* held("monthly-provider"),
          yield* held("direct", { cancelledOn: "2025-06-05" }),
        ]
        yield* held("direct", { cancelledOn: "2025-06-04" })
        yield* held("app-store")
        yield* held("google-play")
        yield* held("free")
        yield* held("direct", { expiresOn: "2026-11-30" })
        yield* held("direct", { suspended: true })
        // Another product's licence is no source of this plan.
        yield* held("direct", { productId: "id-protection" })
        const plan = yield* createSwitchPlan(rules, operator)
        const before = yield* (yield* EventStore).head
        const preview = yield* previewSwitch(plan.planId)
        const after = yield* (yield* EventStore).head
        return { preview, switchedIds, written: after.position - before.position }
      }),
    )
    const { preview } = result
    expect(preview.sources).toBe(9)
    expect(preview.switched).toBe(3)
    expect(preview.notSwitched).toEqual({
      "cancelled-by-cutoff": 1,
      "in-app-purchase": 2,
      "free-edition": 1,
      expired: 1,
      suspended: 1,
    })
    expect(preview.switched + Object.values(preview.notSwitched).reduce((a, b) => a + b, 0)).toBe(
      preview.sources,
    )
    expect(
      preview.rows
        .filter((r) => r.outcome._tag === "Switched")
        .map((r) => r.licenseId)
        .sort(),
    ).toEqual(result.switchedIds.sort())
    // The owners are in Tokyo: 1 December 2026 is their day.
    expect(new Set(preview.rows.map((r) => r.day))).toEqual(new Set(["2026-12-01"]))
    expect(result.written).toBe(0)
    const csv = previewCsv(preview)
    expect(csv.split("\r\n")[0]).toBe(
      "license_id,account_id,channel,cancelled_on,expires_on,day,outcome,reason",
    )
    expect(csv).toContain(",direct,2025-06-04,2027-03-31,2026-12-01,not-switched,cancelled-by-cutoff\r\n")
    expect(csv.trim().split("\r\n")).toHaveLength(10)
  })
})
