import { Effect } from "effect"
import type { StreamVersionConflict } from "../../domain/kernel/index.js"
import { type Aggregate, type Decision, decideStep, loadAggregate, retryOnConflict } from "./decide-step.js"
import { type AppendManyOptions, EventStore, type StreamWrite } from "./event-store.js"

/** One aggregate's decision within a change that spans several streams. */
export type Decided<S, E> = Decision<S, E>

/** Loads a stream, decides, and prepares the write, expecting the version it was loaded at. */
export const decideOn = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
) =>
  Effect.flatMap(loadAggregate(aggregate, streamId), (loaded) =>
    decideStep(aggregate, streamId, command, loaded),
  )

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
  retryOnConflict(maxAttempts)(
    Effect.gen(function* () {
      const store = yield* EventStore
      const { writes, options, result } = yield* decide
      // Writes without events stay in: their versions are checked like the others'.
      yield* store.appendMany(writes, options)
      return result
    }),
  )
