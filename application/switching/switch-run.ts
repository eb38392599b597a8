import { DateTime, Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import type { NotSwitchedReason, ProductSwitched } from "../../domain/licensing/license-events.js"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import { type SwitchPlanState, switchPlan, switchPlanStreamId } from "../../domain/switching/switch-plan.js"
import { commitAtomically } from "../event-log/atomic-commands.js"
import { decideStep, type Loaded, loadAggregate, loadAggregates } from "../event-log/decide-step.js"
import type { StreamWrite } from "../event-log/event-store.js"
import { now } from "../platform/now.js"
import { SwitchLedger, type SwitchLedgerApi, type SwitchSource } from "./switch-ledger.js"
import { switchMails } from "./switch-mails.js"
import { switchPlanOf } from "./switch-plans.js"

type Plan = Effect.Effect.Success<ReturnType<typeof switchPlanOf>>
type PlanLoaded = Loaded<SwitchPlanState>

export interface SwitchRunOptions {
  /** At most this many licences are decided (a canary batch); all that are left when absent. */
  readonly limit?: number
  /** Licences decided and committed together. */
  readonly batchSize: number
  /** The pace of the switch mails through the outbox: they are due this many per minute. */
  readonly mailsPerMinute: number
  /** The operator who runs it: every event of the run is theirs. */
  readonly metadata: EventMetadata
  readonly onProgress?: (progress: SwitchRunProgress) => void
}

export interface SwitchRunProgress {
  readonly decided: number
  /** What this run set out to decide: the undecided licences, or the limit. */
  readonly total: number
}

export interface SwitchRunSummary {
  readonly planId: string
  readonly decided: number
  readonly switched: number
  readonly notSwitched: Readonly<Partial<Record<NotSwitchedReason, number>>>
  readonly mailsQueued: number
  /** Licences of the source product the plan has still not decided. */
  readonly remaining: number
}

/** The appends of one run of a plan share this correlation id: its mails are counted by it. */
export const switchCorrelationId = (planId: string) => `switch-${planId}`

/**
 * Decides one page of licences and commits it with the plan's batch record and the switch mails, all
 * in one append: a crash leaves the whole batch or none of it, and a licence decided before is `[]`.
 */
const applyBatch = (
  plan: Plan,
  sources: ReadonlyArray<SwitchSource>,
  options: SwitchRunOptions,
  planAfterLastBatch: PlanLoaded | undefined,
) => {
  // The plan's stream grows by a record a batch: the run carries its state from batch to batch
  // rather than reading the whole stream again each time. A retry after a conflict reads it.
  let preloaded = planAfterLastBatch
  return commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const clock = DateTime.unsafeMake(at)
      const { rules, planId } = plan
      const streamIds = sources.map((source) => licenseStreamId(source.licenseId))
      const licences = yield* loadAggregates(license, streamIds)
      const planLoaded = preloaded ?? (yield* loadAggregate(switchPlan, switchPlanStreamId(planId)))
      preloaded = undefined
      const writes: Array<StreamWrite> = []
      const notSwitched: Partial<Record<NotSwitchedReason, number>> = {}
      const switchedNow: Array<{ event: typeof ProductSwitched.Type; today: string }> = []
      // Most of a base shares a handful of zones: each zone's day is worked out once.
      const days = new Map<string, string>()
      for (const [i, source] of sources.entries()) {
        const today = days.get(source.timeZone) ?? calendarDateIn(clock, source.timeZone)
        days.set(source.timeZone, today)
        const streamId = streamIds[i]!
        const command = { _tag: "ApplySwitch" as const, planId, rules, today, at }
        const decision = yield* decideStep(license, streamId, command, licences.get(streamId)!)
        writes.push(decision.write)
        for (const event of decision.events) {
          if (event._tag === "LicenseNotSwitched")
            notSwitched[event.reason] = (notSwitched[event.reason] ?? 0) + 1
          if (event._tag === "ProductSwitched") switchedNow.push({ event, today })
        }
      }
      const state = planLoaded.state
      const mails = yield* switchMails(rules, switchedNow, {
        dueFrom: Math.max(
          Date.parse(at),
          state._tag === "Planned" && state.mailsDueThrough !== undefined
            ? Date.parse(state.mailsDueThrough)
            : 0,
        ),
        interval: 60_000 / options.mailsPerMinute,
      })
      const switched = switchedNow.length
      const notSwitchedCount = Object.values(notSwitched).reduce((n, c) => n + (c ?? 0), 0)
      const last = mails.at(-1)?.dueAt
      const batch = yield* decideStep(
        switchPlan,
        switchPlanStreamId(planId),
        {
          _tag: "RecordBatch",
          planId,
          switched,
          notSwitched: notSwitchedCount,
          mailsQueued: mails.length,
          ...(last === undefined ? {} : { mailsDueThrough: last }),
          at,
        },
        planLoaded,
      )
      return {
        writes: [...writes, batch.write],
        options: {
          metadata: { ...options.metadata, correlationId: switchCorrelationId(planId) },
          outbox: mails,
        },
        result: {
          decided: switched + notSwitchedCount,
          switched,
          notSwitched,
          mailsQueued: mails.length,
          plan: {
            state: batch.state,
            version: planLoaded.version + batch.events.length,
          } satisfies PlanLoaded,
        },
      }
    }),
  )
}

const remainingOf = (ledger: SwitchLedgerApi, plan: Plan) =>
  ledger.undecided(plan.rules.fromProduct, plan.planId)

/**
 * Runs a plan over the licences it has not decided yet, a batch at a time. Stopped at any point (a
 * crash, Ctrl-C, `--limit`), it is simply run again: what was committed is decided and skipped, what
 * was not is decided then, so any number of runs decide each licence once and mail each switch once.
 */
export const runSwitch = Effect.fn("Switching.run")(function* (planId: string, options: SwitchRunOptions) {
  const plan = yield* switchPlanOf(planId)
  const ledger = yield* SwitchLedger
  const undecided = yield* remainingOf(ledger, plan)
  const total = Math.min(undecided, options.limit ?? undecided)
  const summary = { decided: 0, switched: 0, mailsQueued: 0 }
  const notSwitched: Partial<Record<NotSwitchedReason, number>> = {}
  options.onProgress?.({ decided: 0, total })
  let after: string | undefined
  let planState: PlanLoaded | undefined
  while (summary.decided < total) {
    const page = yield* ledger.sources(plan.rules.fromProduct, {
      after,
      limit: Math.min(options.batchSize, total - summary.decided),
      undecidedBy: planId,
    })
    if (page.length === 0) break
    const batch = yield* applyBatch(plan, page, options, planState)
    planState = batch.plan
    summary.decided += batch.decided
    summary.switched += batch.switched
    summary.mailsQueued += batch.mailsQueued
    for (const [reason, count] of Object.entries(batch.notSwitched) as Array<[NotSwitchedReason, number]>)
      notSwitched[reason] = (notSwitched[reason] ?? 0) + count
    after = page.at(-1)?.licenseId
    options.onProgress?.({ decided: summary.decided, total })
  }
  return {
    planId,
    ...summary,
    notSwitched,
    remaining: yield* remainingOf(ledger, plan),
  } satisfies SwitchRunSummary
})
