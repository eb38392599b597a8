import { Effect } from "effect"
import type { NotSwitchedReason } from "../../domain/licensing/license-events.js"
import { SwitchLedger, type SwitchMailCounts, type SwitchResult } from "./switch-ledger.js"
import { switchPlanOf } from "./switch-plans.js"
import { switchCorrelationId } from "./switch-run.js"

export interface SwitchReport {
  readonly planId: string
  readonly fromProduct: string
  readonly toProduct: string
  /** The batches the plan's runs committed. */
  readonly batches: number
  readonly decided: number
  readonly switched: number
  readonly notSwitched: Readonly<Partial<Record<NotSwitchedReason, number>>>
  /** Source licences not decided yet (registered since, or not reached). */
  readonly remaining: number
  readonly mails: SwitchMailCounts
  /** The plan's accounts that imported their data into the target's vault, and the items moved. */
  readonly imports: { readonly accounts: number; readonly items: number }
}

/**
 * Where a plan stands, from the read models the log keeps: what it decided (by outcome and reason),
 * what is left, and how its mails fared in the outbox.
 */
export const reportSwitch = Effect.fn("Switching.report")(function* (planId: string) {
  const plan = yield* switchPlanOf(planId)
  const ledger = yield* SwitchLedger
  const counts = yield* ledger.counts(planId)
  const notSwitchedTotal = Object.values(counts.notSwitched).reduce((n, c) => n + (c ?? 0), 0)
  return {
    planId,
    fromProduct: plan.rules.fromProduct,
    toProduct: plan.rules.toProduct,
    batches: plan.batches,
    decided: counts.switched + notSwitchedTotal,
    switched: counts.switched,
    notSwitched: counts.notSwitched,
    remaining: yield* ledger.undecided(plan.rules.fromProduct, planId),
    mails: yield* ledger.mails(switchCorrelationId(planId)),
    imports: yield* ledger.imports(planId, plan.rules),
  } satisfies SwitchReport
})

const pageSize = 1000

/** Every result of the plan, one per licence, a page at a time in licence order. */
export const switchResults = (planId: string, onPage: (rows: ReadonlyArray<SwitchResult>) => void) =>
  Effect.gen(function* () {
    yield* switchPlanOf(planId)
    const ledger = yield* SwitchLedger
    let after: string | undefined
    for (;;) {
      const page = yield* ledger.results(planId, { after, limit: pageSize })
      onPage(page)
      if (page.length < pageSize) return
      after = page.at(-1)?.licenseId
    }
  })

/** The header and one row of the report's CSV: a licence and what the plan decided for it. */
export const resultCsvHeader = [
  "license_id",
  "account_id",
  "outcome",
  "reason",
  "product_id",
  "expires_on",
  "decided_at",
] as const

export const resultCsvRow = (row: SwitchResult): ReadonlyArray<string> => [
  row.licenseId,
  row.accountId,
  row.outcome,
  row.outcome === "not-switched" ? row.reason : "",
  row.outcome === "switched" ? row.productId : "",
  row.outcome === "switched" ? row.expiresOn : "",
  row.decidedAt,
]
