import { Effect } from "effect"
import { plusMillis } from "../../domain/kernel/index.js"
import { now } from "../platform/now.js"
import { Throttle } from "../platform/throttle.js"
import { AccountSettings } from "./account-settings.js"
import { SessionStore } from "./session-store.js"

/**
 * Removes sessions that can no longer be used and throttle counters nobody has touched for a day
 * (the longest window any of them counts over is an hour). Safe to run from several instances.
 */
export const pruneExpired = Effect.gen(function* () {
  const at = yield* now
  const settings = yield* AccountSettings
  const sessions = yield* (yield* SessionStore).endExpired(
    at,
    plusMillis(at, -settings.sessionIdleMinutes * 60_000),
  )
  const counters = yield* (yield* Throttle).forgetBefore(plusMillis(at, -86_400_000))
  return { sessions, counters }
})
