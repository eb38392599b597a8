import { Clock, Effect } from "effect"
import { Throttle } from "../platform/throttle.js"
import { AccountSettings } from "./account-settings.js"
import { SessionStore } from "./session-store.js"

/**
 * Removes sessions that can no longer be used and throttle counters nobody has touched for a day
 * (the longest window any of them counts over is an hour). Safe to run from several instances.
 */
export const pruneExpired = Effect.gen(function* () {
  const now = yield* Clock.currentTimeMillis
  const settings = yield* AccountSettings
  const iso = (ms: number) => new Date(ms).toISOString()
  const sessions = yield* (yield* SessionStore).endExpired(
    iso(now),
    iso(now - settings.sessionIdleMinutes * 60_000),
  )
  const counters = yield* (yield* Throttle).forgetBefore(iso(now - 86_400_000))
  return { sessions, counters }
})
