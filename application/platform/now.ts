import { Clock, Effect } from "effect"
import { type Instant, instantFromMillis } from "../../domain/kernel/index.js"

/** The current time from Effect's `Clock`, so `TestClock` controls it in tests. */
export const now: Effect.Effect<Instant> = Effect.map(Clock.currentTimeMillis, instantFromMillis)
