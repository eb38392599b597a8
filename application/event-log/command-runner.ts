import { Effect } from "effect"
import {
  canonicalJson,
  type EventMetadata,
  type IdempotencyKeyReused,
  type StreamVersionConflict,
} from "../../domain/kernel/index.js"
import {
  type Aggregate,
  decodeStream,
  foldEvents,
  type Loaded,
  loadThenDecide,
  retryOnConflict,
} from "./decide-step.js"
import { EventStore, type OutboxMessage } from "./event-store.js"

export { type Aggregate, type Loaded, loadAggregate } from "./decide-step.js"

export interface RunOptions<S, E> {
  readonly metadata: EventMetadata
  /** The client's key, already scoped to the caller, and the request it came with. */
  readonly idempotency?: { readonly key: string; readonly request: unknown }
  /**
   * Side effects of the decision, written to the outbox in the append's transaction; given the
   * events, the state after them, and the state they were decided on.
   */
  readonly outbox?: (events: ReadonlyArray<E>, state: S, decidedOn: S) => ReadonlyArray<OutboxMessage>
  /** How many times to decide again after a concurrent writer moved the stream. Default 5. */
  readonly maxAttempts?: number
  /** The stream as the caller has just loaded it: the first attempt decides on it instead of reading again. */
  readonly loaded?: Loaded<S>
}

export interface CommandResult<S, E> {
  readonly streamId: string
  readonly events: ReadonlyArray<E>
  readonly state: S
  readonly version: number
  readonly positions: ReadonlyArray<number>
  /** True when an earlier request with the same idempotency key produced this result. */
  readonly replayed: boolean
}

const replayedResult = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  result: { readonly nextVersion: number; readonly positions: ReadonlyArray<number> },
) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const recorded = (yield* store.readStream(streamId)).filter((e) => e.streamVersion <= result.nextVersion)
    const all = yield* decodeStream(aggregate.codec, recorded)
    const mine = yield* decodeStream(
      aggregate.codec,
      recorded.filter((e) => result.positions.includes(e.position)),
    )
    return {
      streamId,
      events: mine,
      state: foldEvents(aggregate.decider, aggregate.decider.initialState, all),
      version: result.nextVersion,
      positions: result.positions,
      replayed: true,
    }
  })

/**
 * Load → decide → append, and on a version conflict reload and decide again (bounded, jittered).
 * A business refusal is the decider's typed error; storage failures are defects.
 */
export const runCommand = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
  options: RunOptions<S, E>,
): Effect.Effect<CommandResult<S, E>, Err | StreamVersionConflict | IdempotencyKeyReused, EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const claim = options.idempotency && {
      key: options.idempotency.key,
      fingerprint: canonicalJson({ streamId, request: options.idempotency.request }),
    }
    if (claim) {
      const earlier = yield* store.idempotentResult(claim)
      if (earlier._tag === "Some") return yield* replayedResult(aggregate, streamId, earlier.value)
    }

    const decide = loadThenDecide(aggregate, streamId, command, options.loaded)
    const attempt = Effect.gen(function* () {
      const decision = yield* decide
      const appended = yield* store.append(streamId, decision.write.events, {
        expected: decision.write.expected,
        metadata: options.metadata,
        ...(options.outbox
          ? { outbox: options.outbox(decision.events, decision.state, decision.decidedOn) }
          : {}),
        ...(claim ? { idempotency: claim } : {}),
      })
      if (appended.replayed) return yield* replayedResult(aggregate, streamId, appended)
      return {
        streamId,
        events: decision.events,
        state: decision.state,
        version: appended.nextVersion,
        positions: appended.positions,
        replayed: false,
      }
    })
    return yield* retryOnConflict(options.maxAttempts)(attempt)
  }).pipe(Effect.withSpan("CommandRunner.run", { attributes: { streamId } }))
