import { Effect } from "effect"

type Tagged = { readonly _tag: string }

/**
 * A use case's failures narrowed to the refusals its command can meet: the decider's union holds
 * every refusal of every command, and one this command never meets would be a bug, so it dies
 * rather than being published as a problem the route can answer.
 */
export const refusalsOnly =
  <const T extends string>(...tags: ReadonlyArray<T>) =>
  <A, E extends Tagged, R>(
    effect: Effect.Effect<A, E, R>,
  ): Effect.Effect<A, Extract<E, { readonly _tag: T }>, R> =>
    Effect.catchAll(effect, (error) =>
      (tags as ReadonlyArray<string>).includes(error._tag)
        ? Effect.fail(error as Extract<E, { readonly _tag: T }>)
        : Effect.die(error),
    )
