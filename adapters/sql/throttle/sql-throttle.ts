import { Effect } from "effect"
import { type RawBuilder, sql } from "kysely"
import { now } from "../../../application/platform/now.js"
import {
  type BackoffPolicy,
  quotaOf,
  RateLimited,
  type Reservation,
  type ThrottleApi,
} from "../../../application/platform/throttle.js"
import { type Instant, instantFromMillis, toMillis } from "../../../domain/kernel/index.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const secondsUntil = (until: string, nowMs: number) =>
  Math.max(0, Math.ceil((Date.parse(until) - nowMs) / 1000))

/** The wait after the `count`-th failure in a row: none for the free ones, then doubling to the cap. */
export const backoffSeconds = (count: number, policy: BackoffPolicy): number =>
  count <= policy.free ? 0 : Math.min(policy.baseSeconds * 2 ** (count - policy.free - 1), policy.maxSeconds)

/** When the wait after the `count`-th failure at `at` ends; null when that failure was free. */
const blockAfter = (count: number, policy: BackoffPolicy, at: Instant): Instant | null => {
  const wait = backoffSeconds(count, policy)
  return wait === 0 ? null : instantFromMillis(toMillis(at) + wait * 1000)
}

/**
 * The end of the wait after failure number `count` (an SQL expression), as one `case` over the
 * counts before the cap, so the database sets it in the same statement that counts the failure.
 */
const blockAfterCount = (count: RawBuilder<number>, policy: BackoffPolicy, at: Instant) => {
  const branches: Array<RawBuilder<unknown>> = []
  let n = policy.free + 1
  // Doubling reaches any cap within 64 steps; the bound only guards a policy that never does (base 0).
  for (; backoffSeconds(n, policy) < policy.maxSeconds && n <= policy.free + 64; n++) {
    branches.push(sql`when ${count} = ${n} then ${blockAfter(n, policy, at)}`)
  }
  return sql<
    string | null
  >`case when ${count} <= ${policy.free} then null ${sql.join(branches, sql` `)} else ${blockAfter(n, policy, at)} end`
}

/**
 * Counters in one table, moved by single upserts, so concurrent requests (and instances) on the
 * same key count every attempt: the row is created or advanced atomically, and a window that has
 * run out starts again at 1.
 */
export const makeSqlThrottle = (database: Database): ThrottleApi => {
  const { db } = database

  const count = (key: string, nowMs: number, windowSeconds: number) =>
    sqlEffect("throttle count", async () => {
      const at = instantFromMillis(nowMs)
      const expired = sql<boolean>`throttles.window_started_at <= ${instantFromMillis(nowMs - windowSeconds * 1000)}`
      const row = await db
        .insertInto("throttles")
        .values({ key, count: 1, window_started_at: at, last_at: at, blocked_until: null })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            count: sql`case when ${expired} then 1 else throttles.count + 1 end`,
            window_started_at: sql`case when ${expired} then ${at} else throttles.window_started_at end`,
            blocked_until: sql`case when ${expired} then null else throttles.blocked_until end`,
            last_at: at,
          }),
        )
        .returning(["count", "window_started_at"])
        .executeTakeFirstOrThrow()
      return { count: Number(row.count), windowStartedAt: row.window_started_at }
    })

  // One statement counts the attempt and starts its wait, unless the key is waiting already: then
  // the row is left as it is and none comes back. Two statements (read, then write) would let every
  // attempt sent at once read "not waiting" before the first one wrote.
  const reserveRow = (key: string, policy: BackoffPolicy, at: Instant) =>
    sqlEffect("throttle reserve", () => {
      const forgotten = sql<boolean>`throttles.last_at <= ${instantFromMillis(toMillis(at) - policy.windowSeconds * 1000)}`
      const first = blockAfter(1, policy, at)
      return db
        .insertInto("throttles")
        .values({ key, count: 1, window_started_at: at, last_at: at, blocked_until: first })
        .onConflict((oc) =>
          oc
            .column("key")
            .doUpdateSet({
              count: sql`case when ${forgotten} then 1 else throttles.count + 1 end`,
              window_started_at: sql`case when ${forgotten} then ${at} else throttles.window_started_at end`,
              blocked_until: sql`case when ${forgotten} then ${first} else ${blockAfterCount(sql`throttles.count + 1`, policy, at)} end`,
              last_at: at,
            })
            .where(
              sql<boolean>`throttles.blocked_until is null or throttles.blocked_until <= ${at} or ${forgotten}`,
            ),
        )
        .returning(["blocked_until"])
        .executeTakeFirst()
    })

  return {
    reserve: (key, policy) =>
      Effect.gen(function* () {
        const at = yield* now
        const reserved = yield* reserveRow(key, policy, at)
        if (reserved !== undefined) {
          return { key, blockedUntil: reserved.blocked_until as Instant | null } satisfies Reservation
        }
        const row = yield* sqlEffect("throttle read", () =>
          db.selectFrom("throttles").select("blocked_until").where("key", "=", key).executeTakeFirst(),
        )
        // A wait that ended (or was cleared) since the refusal still answers "try again shortly".
        const wait = row?.blocked_until ? secondsUntil(row.blocked_until, toMillis(at)) : 0
        return yield* new RateLimited({ policy: quotaOf(policy), retryAfterSeconds: Math.max(1, wait) })
      }),
    release: (reservation) =>
      sqlEffect("throttle release", () =>
        db
          .updateTable("throttles")
          .set({
            count: sql`case when count > 0 then count - 1 else 0 end`,
            blocked_until:
              reservation.blockedUntil === null
                ? sql`blocked_until`
                : sql`case when blocked_until = ${reservation.blockedUntil} then null else blocked_until end`,
          })
          .where("key", "=", reservation.key)
          .execute(),
      ).pipe(Effect.asVoid),
    clear: (key) =>
      sqlEffect("throttle clear", () => db.deleteFrom("throttles").where("key", "=", key).execute()).pipe(
        Effect.asVoid,
      ),
    forgetBefore: (before) =>
      sqlEffect("throttle prune", async () =>
        Number(
          (await db.deleteFrom("throttles").where("last_at", "<", before).executeTakeFirst()).numDeletedRows,
        ),
      ),
    take: (key, limit) =>
      Effect.gen(function* () {
        const nowMs = toMillis(yield* now)
        const taken = yield* count(key, nowMs, limit.windowSeconds)
        if (taken.count <= limit.limit) return 0
        return Math.max(
          1,
          secondsUntil(
            instantFromMillis(Date.parse(taken.windowStartedAt) + limit.windowSeconds * 1000),
            nowMs,
          ),
        )
      }),
  }
}
