import { Context, type Effect } from "effect"
import type { Instant, Json } from "../../domain/kernel/index.js"

/** A job a dispatcher has leased: its own until `leaseToken` is given up or the lease runs out. */
export interface ClaimedJob {
  readonly id: string
  readonly channel: string
  readonly payload: Json
  /** Attempts made before this one. */
  readonly attempts: number
  readonly createdAt: Instant
  readonly leaseToken: string
  /** The claim is this dispatcher's until then; after it, another may take the job. */
  readonly leaseUntil: Instant
  /** The event whose append wrote the job, and the correlation it belongs to. */
  readonly causationId: string | undefined
  readonly correlationId: string | undefined
}

/** How an attempt ended, as the queue records it. */
export type RecordedOutcome =
  | { readonly _tag: "Done"; readonly detail: string }
  | { readonly _tag: "Retry"; readonly detail: string; readonly nextAttemptAt: Instant }
  | { readonly _tag: "Dead"; readonly detail: string }

export const jobStates = ["pending", "done", "dead"] as const
export type JobState = (typeof jobStates)[number]

export interface ChannelCounts {
  readonly channel: string
  readonly pending: number
  readonly done: number
  readonly dead: number
}

export interface DeadJob {
  readonly id: string
  readonly channel: string
  readonly attempts: number
  readonly createdAt: Instant
  readonly lastError: string
}

export interface JobQueueStatus {
  readonly channels: ReadonlyArray<ChannelCounts>
  readonly totals: Omit<ChannelCounts, "channel">
  /** The earliest time a pending job is due; none when nothing waits. */
  readonly nextDueAt: Instant | undefined
  /** The dead jobs, newest first (at most `deadLimit`), with the error of their last attempt. */
  readonly dead: ReadonlyArray<DeadJob>
}

export type RetryAnswer = "revived" | "not-dead" | "unknown"

/** The job queue as dispatchers and operators see it: jobs committed with their events, run after. */
export interface JobQueueApi {
  /** Leases up to `limit` due jobs so no other dispatcher (another `serve`) takes them meanwhile. */
  readonly claimDue: (options: {
    readonly now: Instant
    /** Only jobs of these channels: a process leaves alone what it has no handler for. */
    readonly channels: ReadonlyArray<string>
    readonly limit: number
    readonly leaseMillis: number
    /** Take jobs waiting out a back-off (not those due later): an operator's `jobs drain --now`. */
    readonly ignoreBackoff?: boolean
  }) => Effect.Effect<ReadonlyArray<ClaimedJob>>
  /**
   * Gives jobs back unrun, without recording an attempt: due again at once. For jobs whose lease is
   * too short to start them, and for jobs this process must not run (one that can takes them).
   */
  readonly release: (jobs: ReadonlyArray<ClaimedJob>) => Effect.Effect<void>
  /** Records one attempt and its outcome, and releases the lease (if still this claim's). */
  readonly record: (job: ClaimedJob, at: Instant, outcome: RecordedOutcome) => Effect.Effect<void>
  readonly status: (options?: { readonly deadLimit?: number }) => Effect.Effect<JobQueueStatus>
  /** Makes a dead job pending again, due at `at`, with its attempts counted afresh. */
  readonly retry: (id: string, at: Instant) => Effect.Effect<RetryAnswer>
}

export class JobQueue extends Context.Tag("application/JobQueue")<JobQueue, JobQueueApi>() {}
