import { Effect, Option, Schema } from "effect"
import type { IdempotencyKeyReused, StreamVersionConflict } from "../../domain/kernel/index.js"
import { type Aggregate, type Decision, decideStep, loadAggregate, retryOnConflict } from "./decide-step.js"
import { type AppendManyOptions, EventStore, type IdempotencyClaim, type StreamWrite } from "./event-store.js"

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

/** A repeatable change: its claim, and the schema its answer is recorded (and replayed) with. */
export interface AtomicIdempotency<A> {
  readonly claim: IdempotencyClaim
  // biome-ignore lint/suspicious/noExplicitAny: the encoded side is any JSON the schema writes
  readonly answer: Schema.Schema<A, any>
}

const replay = <A>(answer: AtomicIdempotency<A>["answer"], recorded: unknown) =>
  Effect.orDie(Schema.decodeUnknown(answer)(recorded))

/**
 * Decides on several streams and appends all of it atomically. When another writer moved one of the
 * streams meanwhile, everything is loaded and decided again (bounded, jittered), so the second of
 * two racing registrations sees the first and is refused by the decider, never half-written.
 *
 * With `idempotency`, an answer recorded under the claim is given back without deciding, and a new
 * answer is recorded in the append itself: a crash leaves both or neither. When a racing request with
 * the same key committed first, the append answers its recorded answer instead of writing.
 */
export const commitAtomically = <A, Err, R>(
  decide: Effect.Effect<
    { readonly writes: ReadonlyArray<StreamWrite>; readonly options: AppendManyOptions; readonly result: A },
    Err,
    R
  >,
  options: { readonly maxAttempts?: number; readonly idempotency?: AtomicIdempotency<A> | undefined } = {},
): Effect.Effect<A, Err | StreamVersionConflict | IdempotencyKeyReused, R | EventStore> =>
  retryOnConflict(options.maxAttempts ?? 5)(
    Effect.gen(function* () {
      const store = yield* EventStore
      const idempotency = options.idempotency
      if (idempotency) {
        const previous = yield* store.idempotentResult(idempotency.claim)
        if (Option.isSome(previous)) return yield* replay(idempotency.answer, previous.value.answer)
      }
      const { writes, options: appendOptions, result } = yield* decide
      const claim = idempotency && {
        ...idempotency.claim,
        answer: yield* Effect.orDie(Schema.encode(idempotency.answer)(result)),
      }
      // Writes without events stay in: their versions are checked like the others'.
      const [first] = yield* store.appendMany(
        writes,
        claim ? { ...appendOptions, idempotency: claim } : appendOptions,
      )
      return idempotency && first?.replayed ? yield* replay(idempotency.answer, first.answer) : result
    }),
  )
