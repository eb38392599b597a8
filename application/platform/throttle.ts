import { Context, Data, type Effect } from "effect"
import type { Instant } from "../../domain/kernel/index.js"

/**
 * Growing delays after failures (logins, key look-ups): the first `free` failures cost nothing, then
 * each one doubles the wait from `baseSeconds` up to `maxSeconds`. There is no permanent lock-out
 * an attacker could trigger; the count is forgotten `windowSeconds` after the last failure.
 */
export interface BackoffPolicy {
  readonly free: number
  readonly baseSeconds: number
  readonly maxSeconds: number
  readonly windowSeconds: number
}

/** A plain budget: at most `limit` requests per `windowSeconds` window. */
export interface RateLimit {
  readonly limit: number
  readonly windowSeconds: number
}

/** An attempt let through `reserve`, already counted as a failure. */
export interface Reservation {
  readonly key: string
  /** The wait this attempt started, if it did: `release` lifts it only if no later attempt replaced it. */
  readonly blockedUntil: Instant | null
}

export interface ThrottleApi {
  /**
   * Counts an attempt under `key` as a failure before it is evaluated, in one atomic step, so
   * attempts sent at once (to one instance or several) are let through one by one and no more of
   * them are evaluated than sent one after the other would be. Refused while the key waits.
   */
  readonly reserve: (key: string, policy: BackoffPolicy) => Effect.Effect<Reservation, RateLimited>
  /** Takes back a reserved attempt that was no failure (a right password with a second factor to come). */
  readonly release: (reservation: Reservation) => Effect.Effect<void>
  /** Forgets the key's failures: the attempt succeeded. */
  readonly clear: (key: string) => Effect.Effect<void>
  /** Counts one request; answers the seconds to wait when the budget is spent, else 0. */
  readonly take: (key: string, limit: RateLimit) => Effect.Effect<number>
  /** Forgets counters untouched since `before` (ISO instant); answers how many. */
  readonly forgetBefore: (before: string) => Effect.Effect<number>
}

export class Throttle extends Context.Tag("application/Throttle")<Throttle, ThrottleApi>() {}

/** Answered with 429 and `Retry-After`. */
export class RateLimited extends Data.TaggedError("RateLimited")<{ readonly retryAfterSeconds: number }> {}
