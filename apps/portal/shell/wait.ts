import { Effect } from "effect"
import { now } from "../../../application/platform/now.js"
import { toMillis } from "../../../domain/kernel/index.js"

/** Whole seconds from now until `until` (at least one), by the application's clock: for "try again in …". */
export const secondsUntil = (until: string) =>
  Effect.map(now, (at) => Math.max(1, Math.ceil((Date.parse(until) - toMillis(at)) / 1000)))
