import { DateTime, Effect, Option } from "effect"
import { AccountNotFound } from "../../domain/accounts/account.js"
import type { NotSwitchedReason } from "../../domain/licensing/license-events.js"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import { resultsVisible } from "../../domain/switching/switch-rules.js"
import { findProduct } from "../catalog/catalog-product.js"
import { LicenseDirectory } from "../licensing/license-directory.js"
import { now } from "../platform/now.js"
import { SwitchLedger } from "./switch-ledger.js"
import { switchPlansFrom } from "./switch-plan-directory.js"
import { switchPlanOf } from "./switch-plans.js"

/** Where the portal shows a customer their switch results; the switch mail links there. */
export const switchResultPath = "/switch"

interface Names {
  readonly ja: string
  readonly en: string
}

interface ResultOf {
  readonly planId: string
  /** The licence's id, as the licence list names it. */
  readonly licenseId: string
  readonly fromProduct: { readonly id: string; readonly names: Names }
  readonly toProduct: { readonly id: string; readonly names: Names }
}

/** One of the account's licences as a customer sees its switch: not yet, switched, or not and why. */
export type CustomerSwitchResult = ResultOf &
  (
    | { readonly status: "not-yet"; readonly resultsFrom: string }
    | { readonly status: "switched"; readonly expiresOn: string }
    | {
        readonly status: "not-switched"
        readonly reason: NotSwitchedReason
        /** Keeping the target product takes a contract of its own. */
        readonly newContractNeeded: true
        /** The data can be moved into the target all the same. */
        readonly importPossible: true
      }
  )

const named = (productId: string) =>
  Effect.map(findProduct(productId), (found) => ({
    id: productId,
    names: found?.details.names ?? { ja: productId, en: productId },
  }))

/**
 * The switch results of the account's licences, as of today in its calendar: before a plan's
 * results day its licences show "not yet", whatever the run decided; from then, the outcome. A
 * licence of a plan's source product that the plan has not decided yet shows "not yet" as well.
 */
export const customerSwitchResults = Effect.fn("Switching.customerResults")(function* (accountId: string) {
  const context = yield* (yield* LicenseDirectory).listContext(accountId)
  if (Option.isNone(context)) return yield* new AccountNotFound()
  const today = calendarDateIn(DateTime.unsafeMake(yield* now), context.value.timeZone)
  const rows = yield* (yield* SwitchLedger).forAccount(accountId)
  // A handful of plans and products stand behind every result: each is read once per answer.
  const nameOf = yield* Effect.cachedFunction(named)
  const plansFrom = yield* Effect.cachedFunction(switchPlansFrom)
  const plans = new Map<string, Effect.Effect.Success<ReturnType<typeof switchPlanOf>>>()
  const results: Array<CustomerSwitchResult> = []
  for (const row of rows) {
    const plan = plans.get(row.planId) ?? (yield* Effect.orDie(switchPlanOf(row.planId)))
    plans.set(row.planId, plan)
    const base: ResultOf = {
      planId: row.planId,
      licenseId: row.licenseId,
      fromProduct: yield* nameOf(plan.rules.fromProduct),
      toProduct: yield* nameOf(plan.rules.toProduct),
    }
    if (!resultsVisible(plan.rules, today)) {
      results.push({ ...base, status: "not-yet", resultsFrom: plan.rules.resultsFrom })
    } else if (row.outcome === "switched") {
      results.push({ ...base, status: "switched", expiresOn: row.expiresOn })
    } else {
      results.push({
        ...base,
        status: "not-switched",
        reason: row.reason,
        newContractNeeded: true,
        importPossible: true,
      })
    }
  }
  // The account's licences of a plan's source product that the plan has not decided yet (the run
  // has not reached them): "not yet" too, rather than nothing to switch.
  const decided = new Set(rows.map((row) => `${row.planId} ${row.licenseId}`))
  for (const record of yield* (yield* LicenseDirectory).forAccount(accountId)) {
    for (const planned of yield* plansFrom(record.productId)) {
      if (decided.has(`${planned.planId} ${record.keyHash}`)) continue
      results.push({
        planId: planned.planId,
        licenseId: record.keyHash,
        fromProduct: yield* nameOf(planned.rules.fromProduct),
        toProduct: yield* nameOf(planned.rules.toProduct),
        status: "not-yet",
        resultsFrom: planned.rules.resultsFrom,
      })
    }
  }
  return results
})
