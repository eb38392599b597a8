import { Context, Effect, Either, Layer } from "effect"
import type { Instant } from "../../domain/kernel/index.js"
import type { FollowUp } from "./follow-up.js"
import { type JobChannel, readPayload } from "./job-channel.js"
import type { ClaimedJob } from "./job-queue.js"

/** A handler's answer for one attempt. */
export type JobOutcome =
  | { readonly _tag: "Done"; readonly detail: string; readonly followUp?: FollowUp }
  /** Try again: at `at`, or after the queue's back-off when left out. Dead once the attempts run out. */
  | { readonly _tag: "RetryLater"; readonly reason: string; readonly at?: Instant }
  /** Not this process's to run (it lacks a key, say); one that can will, so this is no failure: no ceiling. */
  | { readonly _tag: "Wait"; readonly reason: string; readonly at: Instant }
  | { readonly _tag: "Dead"; readonly reason: string }
  /**
   * Not for this process: the job was written for something it lacks (mail queued for SMTP, in a
   * process without SMTP). No attempt is recorded; the job stays pending for a process that can run it.
   */
  | { readonly _tag: "LeftPending"; readonly reason: string }

export const done = (detail: string, followUp?: FollowUp): JobOutcome =>
  followUp === undefined ? { _tag: "Done", detail } : { _tag: "Done", detail, followUp }
export const retryLater = (reason: string, at?: Instant): JobOutcome =>
  at === undefined ? { _tag: "RetryLater", reason } : { _tag: "RetryLater", reason, at }
export const waitFor = (reason: string, at: Instant): JobOutcome => ({ _tag: "Wait", reason, at })
export const dead = (reason: string): JobOutcome => ({ _tag: "Dead", reason })
export const leavePending = (reason: string): JobOutcome => ({ _tag: "LeftPending", reason })

/** Runs one channel's jobs. Its failures are outcomes; a defect is a bug, retried like a failure. */
export interface JobHandler {
  readonly channel: string
  readonly handle: (job: ClaimedJob) => Effect.Effect<JobOutcome>
}

/** The handlers this process runs, by channel: it claims only the jobs of these channels. */
export class JobHandlers extends Context.Tag("application/JobHandlers")<
  JobHandlers,
  ReadonlyMap<string, JobHandler>
>() {}

/**
 * A channel's handler, built with the services it needs. The payload is read with the channel's
 * schema first: one that does not fit will never fit, so that job is dead at once.
 */
export const handleChannel = <P, R>(
  channel: JobChannel<P>,
  handle: (payload: P, job: ClaimedJob) => Effect.Effect<JobOutcome, never, R>,
): Effect.Effect<JobHandler, never, R> =>
  Effect.map(Effect.context<R>(), (context) => ({
    channel: channel.name,
    handle: (job) =>
      Either.match(readPayload(channel, job.payload), {
        onLeft: (reason) => Effect.succeed(dead(reason)),
        onRight: (payload) => Effect.provide(handle(payload, job), context),
      }),
  }))

/** Every channel's handler as one layer. */
export const JobHandlersLive = <R>(...handlers: ReadonlyArray<Effect.Effect<JobHandler, never, R>>) =>
  Layer.effect(
    JobHandlers,
    Effect.flatMap(Effect.all(handlers), (list) => {
      const byChannel = new Map(list.map((handler) => [handler.channel, handler]))
      return byChannel.size === list.length
        ? Effect.succeed(byChannel as ReadonlyMap<string, JobHandler>)
        : Effect.dieMessage("two job handlers for one channel")
    }),
  )
