import { Context, Data, Effect } from "effect"
import type { Instant } from "../../domain/kernel/index.js"

/**
 * Growing delays after failures (logins, key look-ups): the first `free` failures cost nothing, then
 * each one doubles the wait from `baseSeconds` up to `maxSeconds`. There is no permanent lock-out
 * an attacker could trigger; the count is forgotten `windowSeconds` after the last failure.
 * `name` is the policy's stable name, as clients read it in `RateLimit-Policy`.
 */
export interface BackoffPolicy {
  readonly name: string
  readonly free: number
  readonly baseSeconds: number
  readonly maxSeconds: number
  readonly windowSeconds: number
}

/** A plain budget: at most `limit` requests per `windowSeconds` window, under a stable `name`. */
export interface RateLimit {
  readonly name: string
  readonly limit: number
  readonly windowSeconds: number
}

/**
 * A policy as clients are told it (draft-ietf-httpapi-ratelimit-headers: `"name";q=…;w=…`): the
 * requests it lets through back to back in its window before it refuses one.
 */
export interface QuotaPolicy {
  readonly name: string
  readonly quota: number
  readonly windowSeconds: number
}

/** The policies a use case applies, as its answers advertise them: at least one. */
export type QuotaPolicies = readonly [QuotaPolicy, ...ReadonlyArray<QuotaPolicy>]

/**
 * A budget lets `limit` through. A back-off lets its free failures through and the one after them,
 * which starts the first wait: that many attempts sent one after another are all evaluated.
 */
export const quotaOf = (policy: BackoffPolicy | RateLimit): QuotaPolicy =>
  "limit" in policy
    ? { name: policy.name, quota: policy.limit, windowSeconds: policy.windowSeconds }
    : { name: policy.name, quota: policy.free + 1, windowSeconds: policy.windowSeconds }

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

/**
 * Answered with 429, `Retry-After` and `RateLimit` naming the policy that refused. `policy` is what
 * a client may be told of it; the key it counted under stays here.
 */
export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly policy: QuotaPolicy
  readonly retryAfterSeconds: number
}> {}

/** Counts one request under `key` against `limit`; refused with `RateLimited` once the budget is spent. */
export const takeWithin = (key: string, limit: RateLimit): Effect.Effect<void, RateLimited, Throttle> =>
  Effect.flatMap(Throttle, (throttle) => throttle.take(key, limit)).pipe(
    Effect.flatMap((wait) =>
      wait > 0 ? new RateLimited({ policy: quotaOf(limit), retryAfterSeconds: wait }) : Effect.void,
    ),
  )
