import { Context, Data, type Effect } from "effect"

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

export interface ThrottleApi {
  /** Seconds until an attempt under this key is allowed again; 0 when it is allowed now. */
  readonly waitSeconds: (key: string) => Effect.Effect<number>
  readonly recordFailure: (key: string, policy: BackoffPolicy) => Effect.Effect<void>
  readonly clear: (key: string) => Effect.Effect<void>
  /** Counts one request; answers the seconds to wait when the budget is spent, else 0. */
  readonly take: (key: string, limit: RateLimit) => Effect.Effect<number>
  /** Forgets counters untouched since `before` (ISO instant); answers how many. */
  readonly forgetBefore: (before: string) => Effect.Effect<number>
}

export class Throttle extends Context.Tag("application/Throttle")<Throttle, ThrottleApi>() {}

/** Answered with 429 and `Retry-After`. */
export class RateLimited extends Data.TaggedError("RateLimited")<{ readonly retryAfterSeconds: number }> {}
