import { Data, Effect } from "effect"

export class SqlError extends Data.TaggedError("SqlError")<{
  readonly operation: string
  readonly cause: unknown
}> {
  override get message() {
    return `${this.operation} failed: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`
  }
}

/** One Kysely call as an Effect. Storage failures are defects: no caller can act on a broken database. */
export const sqlEffect = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A> =>
  Effect.tryPromise({ try: run, catch: (cause) => new SqlError({ operation, cause }) }).pipe(Effect.orDie)

export const isoNow = Effect.map(
  Effect.clockWith((clock) => clock.currentTimeMillis),
  (ms) => new Date(ms).toISOString(),
)

/**
 * A call that may finish on the spot (SQLite's own handle) or later (a Kysely connection). What
 * finished on the spot stays synchronous: no promise, no fiber suspension.
 */
export const sqlEffectMaybeSync = <A>(operation: string, run: () => A | Promise<A>): Effect.Effect<A> =>
  Effect.suspend(() => {
    let result: A | Promise<A>
    try {
      result = run()
    } catch (cause) {
      return Effect.die(new SqlError({ operation, cause }))
    }
    return result instanceof Promise ? sqlEffect(operation, () => result) : Effect.succeed(result)
  })
