import { Effect, Either, Schedule } from "effect"
import { ExpectedVersion, type StreamVersionConflict } from "../../domain/kernel/index.js"
import { type Aggregate, loadAggregate } from "./command-runner.js"
import { type AppendManyOptions, EventStore, type StreamWrite } from "./event-store.js"

/** One aggregate's decision within a change that spans several streams. */
export interface Decided<S, E> {
  readonly write: StreamWrite
  readonly events: ReadonlyArray<E>
  readonly state: S
}

/** Loads a stream, decides, and prepares the write, expecting the version it was loaded at. */
export const decideOn = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
) =>
  Effect.gen(function* () {
    const { state, version } = yield* loadAggregate(aggregate, streamId)
    const events = yield* Either.match(aggregate.decider.decide(command, state), {
      onLeft: (error) => Effect.fail(error),
      onRight: (decided) => Effect.succeed(decided),
    })
    let next = state
    for (const event of events) next = aggregate.decider.evolve(next, event)
    const write: StreamWrite = {
      streamId,
      events: events.map(aggregate.codec.encode),
      expected: ExpectedVersion.after(version),
    }
    return { write, events, state: next } satisfies Decided<S, E>
  })

const isVersionConflict = (error: unknown): error is StreamVersionConflict =>
  typeof error === "object" &&
  error !== null &&
  (error as { _tag?: unknown })._tag === "StreamVersionConflict"

/**
 * Decides on several streams and appends all of it atomically. When another writer moved one of the
 * streams meanwhile, everything is loaded and decided again (bounded, jittered), so the second of
 * two racing registrations sees the first and is refused by the decider, never half-written.
 */
export const commitAtomically = <A, Err, R>(
  decide: Effect.Effect<
    { readonly writes: ReadonlyArray<StreamWrite>; readonly options: AppendManyOptions; readonly result: A },
    Err,
    R
  >,
  maxAttempts = 5,
): Effect.Effect<A, Err | StreamVersionConflict, R | EventStore> =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const { writes, options, result } = yield* decide
    // Writes without events stay in: their versions are checked like the others'.
    yield* store.appendMany(writes, options)
    return result
  }).pipe(
    Effect.retry({
      schedule: Schedule.exponential("5 millis").pipe(
        Schedule.jittered,
        Schedule.intersect(Schedule.recurs(maxAttempts - 1)),
      ),
      while: isVersionConflict,
    }),
  )
