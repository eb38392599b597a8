import { Effect, Either, Predicate, Schedule } from "effect"
import {
  type Decider,
  type EventCodec,
  ExpectedVersion,
  type RecordedEvent,
  type StreamVersionConflict,
} from "../../domain/kernel/index.js"
import { EventStore, type StreamWrite } from "./event-store.js"

export interface Aggregate<C, S, E extends { readonly _tag: string }, Err> {
  readonly decider: Decider<C, S, E, Err>
  readonly codec: EventCodec<E>
}

/** A stream folded to its state, and the version it was read at. */
export interface Loaded<S> {
  readonly state: S
  readonly version: number
}

/** One decision: the events, the state they were decided on and the state after them, ready to append. */
export interface Decision<S, E> {
  readonly events: ReadonlyArray<E>
  readonly decidedOn: S
  readonly state: S
  readonly write: StreamWrite
}

// Stored events that no longer hold data were erased on purpose; the state that matters was rebuilt
// from the event that erased them (a vault reset, say), so folding skips them.
// A plain loop, not an Effect per event: a batch job decodes thousands of streams at a time.
export const decodeStream = <E extends { readonly _tag: string }>(
  codec: EventCodec<E>,
  recorded: ReadonlyArray<RecordedEvent>,
): Effect.Effect<ReadonlyArray<E>> =>
  Effect.suspend(() => {
    const events: Array<E> = []
    for (const e of recorded) {
      if (e.erased) continue
      const decoded = codec.decode(e.type, e.schemaVersion, e.data)
      if (Either.isLeft(decoded)) return Effect.die(decoded.left)
      events.push(decoded.right)
    }
    return Effect.succeed(events)
  })

export const foldEvents = <S, E>(
  decider: Pick<Decider<never, S, E, never>, "evolve">,
  from: S,
  events: ReadonlyArray<E>,
): S => {
  let state = from
  for (const event of events) state = decider.evolve(state, event)
  return state
}

/** Loads a stream and folds it: the state a decision is taken on. */
export const loadAggregate = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
): Effect.Effect<Loaded<S>, never, EventStore> =>
  Effect.gen(function* () {
    const recorded = yield* (yield* EventStore).readStream(streamId)
    const events = yield* decodeStream(aggregate.codec, recorded)
    return {
      state: foldEvents(aggregate.decider, aggregate.decider.initialState, events),
      version: recorded.at(-1)?.streamVersion ?? 0,
    }
  })

/** Several streams of one aggregate in one read (a batch job's page), each folded to its state. */
export const loadAggregates = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamIds: ReadonlyArray<string>,
): Effect.Effect<ReadonlyMap<string, Loaded<S>>, never, EventStore> =>
  Effect.gen(function* () {
    const byStream = yield* (yield* EventStore).readStreams(streamIds)
    const loaded = new Map<string, Loaded<S>>()
    for (const streamId of streamIds) {
      const recorded = byStream.get(streamId) ?? []
      const events = yield* decodeStream(aggregate.codec, recorded)
      loaded.set(streamId, {
        state: foldEvents(aggregate.decider, aggregate.decider.initialState, events),
        version: recorded.at(-1)?.streamVersion ?? 0,
      })
    }
    return loaded
  })

/** Decide on a loaded state: the one place a command meets its decider. */
export const decideStep = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
  loaded: Loaded<S>,
): Effect.Effect<Decision<S, E>, Err> =>
  Effect.gen(function* () {
    const events = yield* aggregate.decider.decide(command, loaded.state)
    return {
      events,
      decidedOn: loaded.state,
      state: foldEvents(aggregate.decider, loaded.state, events),
      write: {
        streamId,
        events: events.map(aggregate.codec.encode),
        expected: ExpectedVersion.after(loaded.version),
      },
    }
  })

/**
 * The first attempt may decide on a state its caller has already loaded; every retry reloads, since
 * a conflict means the stream has moved.
 */
export const loadThenDecide = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
  preloaded?: Loaded<S>,
) => {
  let first = preloaded
  return Effect.gen(function* () {
    const loaded = first ?? (yield* loadAggregate(aggregate, streamId))
    first = undefined
    return yield* decideStep(aggregate, streamId, command, loaded)
  })
}

export const isVersionConflict = (error: unknown): error is StreamVersionConflict =>
  Predicate.isTagged(error, "StreamVersionConflict")

/** How a decision is retried when another writer moved a stream: bounded, jittered, exponential. */
export const retryOnConflict =
  (maxAttempts = 5) =>
  <A, E, R>(attempt: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    attempt.pipe(
      Effect.retry({
        schedule: Schedule.exponential("5 millis").pipe(
          Schedule.jittered,
          Schedule.intersect(Schedule.recurs(maxAttempts - 1)),
        ),
        while: isVersionConflict,
      }),
    )
