import { DateTime, Effect } from "effect"
import type { Instant } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { decideStep, loadAggregate } from "../event-log/decide-step.js"
import { switchPlansFrom } from "../switching/switch-plan-directory.js"
import { ProductKeyUnknown } from "./preview-key.js"

/**
 * Inside a registration's append (a new account's first key, or a key added to an account): the key
 * registered to the account on its calendar day in `timeZone`, as the product a switch plan makes it
 * on that day (an unused Password Manager key from the plan's day registers as ID Protection). Only
 * an unused key reads the plans; the gate then asks the product it registers as, so an ended
 * product's keys register no more while its successor's do.
 */
export const registerKey = Effect.fn("Licensing.registerKey")(function* (
  keyHash: string,
  accountId: string,
  timeZone: string,
  at: Instant,
) {
  const streamId = licenseStreamId(keyHash)
  const loaded = yield* loadAggregate(license, streamId)
  const switches = loaded.state._tag === "Issued" ? yield* switchPlansFrom(loaded.state.key.productId) : []
  const today = calendarDateIn(DateTime.unsafeMake(at), timeZone)
  const taken = yield* decideStep(
    license,
    streamId,
    { _tag: "Register", accountId, today, switches, at },
    loaded,
  )
  if (taken.state._tag === "Unknown") return yield* new ProductKeyUnknown()
  if (taken.events.length > 0) yield* requireCapability(taken.state.key.productId, "license.register", at)
  return { write: taken.write, key: taken.state.key, added: taken.events.length > 0 }
})
