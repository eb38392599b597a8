import { Data, Effect } from "effect"
import { StreamVersionConflict } from "../../domain/kernel/index.js"
import { type Aggregate, loadAggregate, type RunOptions, runCommand } from "./command-runner.js"

/** The stream moved past every version the client said it saw (`If-Match`): nothing was changed. */
export class PreconditionFailed extends Data.TaggedError("PreconditionFailed")<{
  readonly streamId: string
  readonly actual: number
}> {}

/**
 * Decides on the version the client saw, or refuses when the stream has moved since. Without
 * `seen` it is `runCommand` as before (last writer wins on a section). With it there is no retry on
 * a conflict: deciding again on a newer version would overwrite a change the client never saw.
 */
export const runOnSeenVersion = <C, S, E extends { readonly _tag: string }, Err>(
  aggregate: Aggregate<C, S, E, Err>,
  streamId: string,
  command: C,
  options: RunOptions<S, E>,
  seen: ReadonlyArray<number> | undefined,
) =>
  seen === undefined
    ? runCommand(aggregate, streamId, command, options)
    : Effect.gen(function* () {
        const loaded = yield* loadAggregate(aggregate, streamId)
        if (!seen.includes(loaded.version)) {
          return yield* new PreconditionFailed({ streamId, actual: loaded.version })
        }
        return yield* runCommand(aggregate, streamId, command, { ...options, loaded, maxAttempts: 1 }).pipe(
          Effect.mapError((error) =>
            error instanceof StreamVersionConflict
              ? new PreconditionFailed({ streamId, actual: error.actual })
              : error,
          ),
        )
      })
