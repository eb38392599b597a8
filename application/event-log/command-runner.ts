import { Effect, Either, Schedule } from "effect"
import {
  canonicalJson,
  type Decider,
  type EventCodec,
  type EventMetadata,
  ExpectedVersion,
  type IdempotencyKeyReused,
  type RecordedEvent,
  type StreamVersionConflict,
} from "../../domain/kernel/index.js"
import { EventStore, type OutboxMessage } from "./event-store.js"

export interface Aggregate<C, S, E extends { readonly _tag: string }, Err> {
  readonly decider: Decider<C, S, E, Err>
  readonly codec: EventCodec<E>
}

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

// Stored events that no longer hold data were erased on purpose; the state that matters was rebuilt
// from the event that erased them (a vault reset, say), so folding skips them.
const decodeStream = <E extends { readonly _tag: string }>(
  codec: EventCodec<E>,
  recorded: ReadonlyArray<RecordedEvent>,
) =>
  Effect.forEach(
    recorded.filter((e) => !e.erased),
    (e) =>
      Either.match(codec.decode(e.type, e.schemaVersion, e.data), {
        onLeft: (error) => Effect.die(error),
        onRight: (event) => Effect.succeed(event),
      }),
  )

/** Loads a stream and folds it: the state a decision is taken on. */
export const loadAggregate = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const recorded = yield* store.readStream(streamId)
    const events = yield* decodeStream(aggregate.codec, recorded)
    let state = aggregate.decider.initialState
    for (const event of events) state = aggregate.decider.evolve(state, event)
    return { state, version: recorded.at(-1)?.streamVersion ?? 0 }
  })

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
    let state = aggregate.decider.initialState
    for (const event of all) state = aggregate.decider.evolve(state, event)
    return {
      streamId,
      events: mine,
      state,
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

    const attempt = Effect.gen(function* () {
      const { state, version } = yield* loadAggregate(aggregate, streamId)
      const events = yield* Either.match(aggregate.decider.decide(command, state), {
        onLeft: (error) => Effect.fail(error),
        onRight: (events) => Effect.succeed(events),
      })
      let next = state
      for (const event of events) next = aggregate.decider.evolve(next, event)
      const appended = yield* store.append(streamId, events.map(aggregate.codec.encode), {
        expected: ExpectedVersion.after(version),
        metadata: options.metadata,
        ...(options.outbox ? { outbox: options.outbox(events, next, state) } : {}),
        ...(claim ? { idempotency: claim } : {}),
      })
      if (appended.replayed) return yield* replayedResult(aggregate, streamId, appended)
      return {
        streamId,
        events,
        state: next,
        version: appended.nextVersion,
        positions: appended.positions,
        replayed: false,
      }
    })

    const retries = Schedule.exponential("5 millis").pipe(
      Schedule.jittered,
      Schedule.intersect(Schedule.recurs((options.maxAttempts ?? 5) - 1)),
    )
    return yield* attempt.pipe(
      Effect.retry({ schedule: retries, while: (error) => isVersionConflict(error) }),
    )
  }).pipe(Effect.withSpan("CommandRunner.run", { attributes: { streamId } }))

const isVersionConflict = (error: unknown): error is StreamVersionConflict =>
  typeof error === "object" &&
  error !== null &&
  (error as { _tag?: unknown })._tag === "StreamVersionConflict"
