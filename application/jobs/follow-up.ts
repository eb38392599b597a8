import { Data, Effect, Predicate } from "effect"
import type { EventMetadata, StreamVersionConflict } from "../../domain/kernel/index.js"
import { type Aggregate, loadThenDecide, retryOnConflict } from "../event-log/decide-step.js"
import {
  EventStore,
  type JobCompletion,
  type JobLeaseLost,
  type OutboxMessage,
} from "../event-log/event-store.js"

/** The follow-up's decider refused it: the job cannot do what it was for, and trying again will not help. */
export class FollowUpRefused extends Data.TaggedError("FollowUpRefused")<{ readonly reason: string }> {}

export interface FollowUpOptions {
  readonly metadata: EventMetadata
  readonly completes: JobCompletion
}

/** A command a job runs on a stream once its work is done, appended in one transaction with the job's completion. */
export interface FollowUp {
  readonly streamId: string
  readonly run: (
    options: FollowUpOptions,
  ) => Effect.Effect<void, FollowUpRefused | JobLeaseLost | StreamVersionConflict, EventStore>
}

const passThrough = new Set(["JobLeaseLost", "StreamVersionConflict"])

/**
 * The follow-up of a job: decided on the stream as it is when the job completes (reloaded after a
 * conflict), and appended with the completion, so a crash leaves neither and a retry writes it once.
 * Jobs the decision asks for (the next step of a saga) are written in the same transaction.
 */
export const followUp = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
  options: {
    readonly outbox?: (events: ReadonlyArray<E>, state: S, decidedOn: S) => ReadonlyArray<OutboxMessage>
  } = {},
): FollowUp => ({
  streamId,
  run: ({ metadata, completes }) =>
    retryOnConflict()(
      Effect.gen(function* () {
        const decision = yield* loadThenDecide(aggregate, streamId, command)
        yield* (yield* EventStore).appendFollowUp(streamId, decision.write.events, {
          expected: decision.write.expected,
          metadata,
          completes,
          ...(options.outbox
            ? { outbox: options.outbox(decision.events, decision.state, decision.decidedOn) }
            : {}),
        })
      }),
    ).pipe(
      Effect.mapError((error) =>
        Predicate.hasProperty(error, "_tag") && passThrough.has(String(error._tag))
          ? (error as JobLeaseLost | StreamVersionConflict)
          : new FollowUpRefused({
              reason: Predicate.hasProperty(error, "_tag") ? String(error._tag) : String(error),
            }),
      ),
    ),
})
