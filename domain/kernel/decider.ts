import type { Either } from "effect"

/**
 * An aggregate as three pure pieces (Chassaing). `decide` never throws: a business refusal is the
 * Left of the Either, and a command that changes nothing answers `Either.right([])`.
 */
export interface Decider<C, S, E, Err> {
  readonly initialState: S
  readonly decide: (command: C, state: S) => Either.Either<ReadonlyArray<E>, Err>
  readonly evolve: (state: S, event: E) => S
  readonly isTerminal?: (state: S) => boolean
}

export const fold =
  <S, E>(decider: Pick<Decider<never, S, E, never>, "initialState" | "evolve">) =>
  (events: Iterable<E>, from: S = decider.initialState): S => {
    let state = from
    for (const event of events) state = decider.evolve(state, event)
    return state
  }
