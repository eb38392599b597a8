import { Effect, Exit } from "effect"
import { EventStore, type EventStoreApi } from "../../application/event-log/event-store.js"

/** Runs an Effect that needs the event store against one test log. */
export const withStore =
  (store: EventStoreApi) =>
  <A, E>(effect: Effect.Effect<A, E, EventStore>): Promise<A> =>
    Effect.runPromise(Effect.provideService(effect, EventStore, store))

/** The same, keeping a typed failure as a value for assertions. */
export const exitWithStore =
  (store: EventStoreApi) =>
  <A, E>(effect: Effect.Effect<A, E, EventStore>): Promise<Exit.Exit<A, E>> =>
    Effect.runPromiseExit(Effect.provideService(effect, EventStore, store))

export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : undefined
