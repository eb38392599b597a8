import { DateTime, Effect } from "effect"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import {
  type NotSwitchedReason,
  type SwitchOutcome,
  switchOutcome,
} from "../../domain/switching/switch-rules.js"
import { csv } from "../platform/csv.js"
import { now } from "../platform/now.js"
import { SwitchLedger, type SwitchSource } from "./switch-ledger.js"
import { switchPlanOf } from "./switch-plans.js"

/** One source licence and what the plan decides for it today: a row of the preview's report. */
export interface PreviewRow extends SwitchSource {
  /** The owner's calendar day the decision was taken on. */
  readonly day: string
  readonly outcome: SwitchOutcome
}

export interface SwitchPreview {
  readonly planId: string
  readonly sources: number
  readonly switched: number
  readonly notSwitched: Readonly<Partial<Record<NotSwitchedReason, number>>>
  readonly rows: ReadonlyArray<PreviewRow>
}

const pageSize = 1000

/**
 * A dry run of the plan over every registered licence of its source product, as of now in each
 * owner's calendar: the counts by outcome and reason, and one row per licence. Writes nothing.
 */
export const previewSwitch = Effect.fn("Switching.preview")(function* (planId: string) {
  const plan = yield* switchPlanOf(planId)
  const at = DateTime.unsafeMake(yield* now)
  const ledger = yield* SwitchLedger
  const rows: Array<PreviewRow> = []
  const notSwitched: Partial<Record<NotSwitchedReason, number>> = {}
  let switched = 0
  let after: string | undefined
  for (;;) {
    const page = yield* ledger.sources(plan.rules.fromProduct, { after, limit: pageSize })
    for (const source of page) {
      const day = calendarDateIn(at, source.timeZone)
      const outcome = switchOutcome(plan.rules, { ...source, productId: plan.rules.fromProduct }, day)
      if (outcome._tag === "Switched") switched++
      else notSwitched[outcome.reason] = (notSwitched[outcome.reason] ?? 0) + 1
      rows.push({ ...source, day, outcome })
    }
    if (page.length < pageSize) break
    after = page[page.length - 1]?.licenseId
  }
  return { planId, sources: rows.length, switched, notSwitched, rows } satisfies SwitchPreview
})

/** The preview's rows as CSV, one per licence, for the operator's spreadsheet. */
export const previewCsv = (preview: SwitchPreview): string =>
  csv(
    ["license_id", "account_id", "channel", "cancelled_on", "expires_on", "day", "outcome", "reason"],
    preview.rows.map((row) => [
      row.licenseId,
      row.accountId,
      row.channel,
      row.cancelledOn ?? "",
      row.expiresOn,
      row.day,
      row.outcome._tag === "Switched" ? "switched" : "not-switched",
      row.outcome._tag === "Switched" ? "" : row.outcome.reason,
    ]),
  )
