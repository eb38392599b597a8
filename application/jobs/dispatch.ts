import { Effect, Either, Random } from "effect"
import {
  type EventMetadata,
  type Instant,
  millisBetween,
  plusMillis,
  systemActor,
} from "../../domain/kernel/index.js"
import { now } from "../platform/now.js"
import type { FollowUp } from "./follow-up.js"
import { type JobHandler, JobHandlers, type JobOutcome } from "./job-handler.js"
import { type ClaimedJob, JobQueue, type RecordedOutcome } from "./job-queue.js"
import { defaultRetryPolicy, nextAttemptDelay, type RetryPolicy } from "./retry-policy.js"

export interface DispatchSummary {
  readonly claimed: number
  readonly done: number
  readonly retrying: number
  readonly dead: number
  /** Jobs whose lease ran out while they ran: another dispatcher has them now. */
  readonly lost: number
  /** Jobs given back unrun, their lease too short to start them: the next round takes them. */
  readonly released: number
  /** Jobs this process must not run (see `LeftPending`): still pending, no attempt recorded. */
  readonly leftPending: number
  /** Why, once per distinct reason. */
  readonly leftReasons: ReadonlyArray<string>
}

type Failure = Exclude<JobOutcome, { _tag: "Done" | "LeftPending" }>
type FollowUpFailure = Effect.Effect.Error<ReturnType<FollowUp["run"]>>
type Ended = "done" | "retrying" | "dead" | "lost" | "leftPending"
const countKeys = ["claimed", "done", "retrying", "dead", "lost", "released", "leftPending"] as const
type Counts = Record<(typeof countKeys)[number], number>
const noCounts = (): Counts => ({
  claimed: 0,
  done: 0,
  retrying: 0,
  dead: 0,
  lost: 0,
  released: 0,
  leftPending: 0,
})

const leaseMillis = 60_000
// A job starts only with this much of its lease left, and its handler must answer before the lease
// ends by this much: another dispatcher may take the job as soon as the lease is over.
const leaseMargin = 15_000

/** The events a job's follow-up appends answer the event that wrote the job. */
export const jobMetadata = (job: ClaimedJob): EventMetadata => ({
  actor: systemActor(`jobs/${job.channel}`),
  ...(job.correlationId === undefined ? {} : { correlationId: job.correlationId }),
  ...(job.causationId === undefined ? {} : { causationId: job.causationId }),
})

// Every channel shares the ceiling: a job that keeps failing ends dead, reported, not tried forever.
const toRecorded = (outcome: Failure, attempt: number, policy: RetryPolicy, at: Instant) =>
  Effect.gen(function* () {
    if (outcome._tag === "Dead") return { _tag: "Dead", detail: outcome.reason } satisfies RecordedOutcome
    if (outcome._tag === "Wait") {
      return { _tag: "Retry", detail: outcome.reason, nextAttemptAt: outcome.at } satisfies RecordedOutcome
    }
    if (attempt >= policy.maxAttempts) {
      return {
        _tag: "Dead",
        detail: `${outcome.reason} (gave up after ${attempt} attempts)`,
      } satisfies RecordedOutcome
    }
    const nextAttemptAt = outcome.at ?? plusMillis(at, nextAttemptDelay(policy, attempt, yield* Random.next))
    return { _tag: "Retry", detail: outcome.reason, nextAttemptAt } satisfies RecordedOutcome
  })

const describeDefect = (defect: unknown): string =>
  (defect instanceof Error ? defect.message : String(defect)).split("\n")[0] ?? "unknown"

const attemptOf = (handler: JobHandler, job: ClaimedJob, budgetMillis: number) =>
  handler.handle(job).pipe(
    Effect.timeoutTo({
      duration: budgetMillis,
      onSuccess: (outcome) => outcome,
      onTimeout: (): JobOutcome => ({
        _tag: "RetryLater",
        reason: "the handler did not answer within its lease",
      }),
    }),
    Effect.catchAllDefect((defect) =>
      Effect.succeed<JobOutcome>({
        _tag: "RetryLater",
        reason: `handler failed: ${describeDefect(defect)}`,
      }),
    ),
  )

interface LeftJob {
  readonly job: ClaimedJob
  readonly reason: string
}

const runJob = (
  job: ClaimedJob,
  handler: JobHandler,
  policy: RetryPolicy,
  budgetMillis: number,
  left: Array<LeftJob>,
) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue
    const attempt = job.attempts + 1
    const outcome = yield* attemptOf(handler, job, budgetMillis)
    const at = yield* now
    if (outcome._tag === "LeftPending") {
      // Nothing recorded. The lease keeps this process's next rounds off the job (serve would take
      // it again every second); a drain gives it back when it ends.
      left.push({ job, reason: outcome.reason })
      yield* Effect.logWarning("job left pending").pipe(
        Effect.annotateLogs({ job: job.id, channel: job.channel, reason: outcome.reason }),
      )
      return "leftPending" satisfies Ended
    }
    let failure: Failure
    if (outcome._tag !== "Done") failure = outcome
    else if (outcome.followUp === undefined) {
      yield* queue.record(job, at, { _tag: "Done", detail: outcome.detail })
      return "done" satisfies Ended
    } else {
      const completes = { id: job.id, leaseToken: job.leaseToken, at, detail: outcome.detail }
      const target = outcome.followUp.streamId
      // A storage failure rolled the follow-up and the completion back together: try again later.
      type Ran = Either.Either<void, FollowUpFailure | { readonly _tag: "Failed"; readonly defect: unknown }>
      const ran: Ran = yield* outcome.followUp.run({ metadata: jobMetadata(job), completes }).pipe(
        Effect.either,
        Effect.catchAllDefect((defect) => Effect.succeed(Either.left({ _tag: "Failed" as const, defect }))),
      )
      if (Either.isRight(ran)) return "done" satisfies Ended
      if (ran.left._tag === "JobLeaseLost") return "lost" satisfies Ended
      failure =
        ran.left._tag === "FollowUpRefused"
          ? { _tag: "Dead", reason: `follow-up on ${target} refused: ${ran.left.reason}` }
          : ran.left._tag === "Failed"
            ? {
                _tag: "RetryLater",
                reason: `follow-up on ${target} failed: ${describeDefect(ran.left.defect)}`,
              }
            : { _tag: "RetryLater", reason: `follow-up on ${target} kept conflicting` }
    }
    const recorded = yield* toRecorded(failure, attempt, policy, at)
    yield* queue.record(job, at, recorded)
    yield* Effect.logWarning("job attempt failed").pipe(
      Effect.annotateLogs({
        job: job.id,
        channel: job.channel,
        outcome: recorded._tag,
        reason: recorded.detail,
      }),
    )
    return (recorded._tag === "Dead" ? "dead" : "retrying") satisfies Ended
  })

const summaryOf = (counts: Counts, left: ReadonlyArray<LeftJob>): DispatchSummary => ({
  ...counts,
  leftReasons: [...new Set(left.map((l) => l.reason))],
})

const dispatchRound = (options: {
  readonly limit?: number
  readonly policy?: RetryPolicy
  readonly ignoreBackoff?: boolean
}) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue
    const handlers = yield* JobHandlers
    const policy = options.policy ?? defaultRetryPolicy
    const jobs = yield* queue.claimDue({
      now: yield* now,
      channels: [...handlers.keys()],
      limit: options.limit ?? 50,
      leaseMillis,
      ...(options.ignoreBackoff ? { ignoreBackoff: true } : {}),
    })
    const counts = { ...noCounts(), claimed: jobs.length }
    const left: Array<LeftJob> = []
    for (const [index, job] of jobs.entries()) {
      const budget = millisBetween(yield* now, job.leaseUntil) - leaseMargin
      if (budget <= 0) {
        // The batch took too long: what is left would run past its lease, perhaps beside another dispatcher.
        const rest = jobs.slice(index)
        yield* queue.release(rest)
        counts.released = rest.length
        break
      }
      // Claimed only for channels with a handler, so the lookup always finds one.
      const ended = yield* runJob(job, handlers.get(job.channel)!, policy, budget, left)
      counts[ended]++
    }
    return { counts, left }
  })

/** Runs the jobs that are due now, of the channels this process handles, once each; records every attempt. */
export const dispatchDue = (options: {
  readonly limit?: number
  readonly policy?: RetryPolicy
  readonly ignoreBackoff?: boolean
}) =>
  dispatchRound(options).pipe(
    Effect.map(({ counts, left }) => summaryOf(counts, left)),
    Effect.withSpan("Jobs.dispatchDue"),
  )

/** Dispatches until nothing is due: what `portcullis jobs drain` runs. */
export const drainJobs = (
  options: { readonly policy?: RetryPolicy; readonly ignoreBackoff?: boolean } = {},
) => {
  const left: Array<LeftJob> = []
  return Effect.gen(function* () {
    const total = noCounts()
    // Back-off only ever schedules a failed job into the future, and a job left pending stays leased
    // until the drain ends, so the loop ends; ignoring back-off is for the first round only, or a
    // failing job would be retried at once forever.
    for (let round = 0; ; round++) {
      const { counts, left: leftNow } = yield* dispatchRound({
        ...options,
        ignoreBackoff: options.ignoreBackoff === true && round === 0,
      })
      if (counts.claimed === 0) return summaryOf(total, left)
      for (const key of countKeys) total[key] += counts[key]
      left.push(...leftNow)
    }
  }).pipe(
    // What this process must not run is another's to take at once, not after the lease.
    Effect.ensuring(
      Effect.suspend(() => Effect.flatMap(JobQueue, (queue) => queue.release(left.map((l) => l.job)))),
    ),
  )
}
