import { Clock, Effect } from "effect"
import { sql } from "kysely"
import type { BackoffPolicy, ThrottleApi } from "../../../application/platform/throttle.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const iso = (ms: number) => new Date(ms).toISOString()
const secondsUntil = (until: string, now: number) => Math.max(0, Math.ceil((Date.parse(until) - now) / 1000))

/** The wait after the `count`-th failure in a row: none for the free ones, then doubling to the cap. */
export const backoffSeconds = (count: number, policy: BackoffPolicy): number =>
  count <= policy.free ? 0 : Math.min(policy.baseSeconds * 2 ** (count - policy.free - 1), policy.maxSeconds)

/**
 * Counters in one table, moved by single upserts, so concurrent requests (and instances) on the
 * same key count every attempt: the row is created or advanced atomically, and a window that has
 * run out starts again at 1.
 */
export const makeSqlThrottle = (database: Database): ThrottleApi => {
  const { db } = database
  const now = Clock.currentTimeMillis

  const count = (key: string, nowMs: number, windowSeconds: number, since: "window_started_at" | "last_at") =>
    sqlEffect("throttle count", async () => {
      const at = iso(nowMs)
      const cutoff = iso(nowMs - windowSeconds * 1000)
      const expired = sql<boolean>`throttles.${sql.ref(since)} <= ${cutoff}`
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

  return {
    waitSeconds: (key) =>
      Effect.gen(function* () {
        const nowMs = yield* now
        const row = yield* sqlEffect("throttle read", () =>
          db.selectFrom("throttles").select("blocked_until").where("key", "=", key).executeTakeFirst(),
        )
        return row?.blocked_until ? secondsUntil(row.blocked_until, nowMs) : 0
      }),
    recordFailure: (key, policy) =>
      Effect.gen(function* () {
        const nowMs = yield* now
        const { count: failures } = yield* count(key, nowMs, policy.windowSeconds, "last_at")
        const wait = backoffSeconds(failures, policy)
        if (wait === 0) return
        yield* sqlEffect("throttle block", () =>
          db
            .updateTable("throttles")
            .set({ blocked_until: iso(nowMs + wait * 1000) })
            .where("key", "=", key)
            .execute(),
        )
      }),
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
        const nowMs = yield* now
        const taken = yield* count(key, nowMs, limit.windowSeconds, "window_started_at")
        if (taken.count <= limit.limit) return 0
        return Math.max(
          1,
          secondsUntil(iso(Date.parse(taken.windowStartedAt) + limit.windowSeconds * 1000), nowMs),
        )
      }),
  }
}
