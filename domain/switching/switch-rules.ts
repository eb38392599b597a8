import { Schema } from "effect"
import { CalendarDate, type NotSwitchedReason, SalesChannel } from "../licensing/license-events.js"

export { NotSwitchedReason } from "../licensing/license-events.js"

// The Password Manager → ID Protection switch of manual 000, as the data of a switch plan: which
// licences move, which do not and why, when unused keys of the old product register as the new
// one, and from when customers see their result. Nothing here names a product or a date: the plan
// carries them, so another switch is another plan, not new code.

/** The rules of one switch, fixed when the plan is made. Days are calendar days in the account's zone. */
export const SwitchRules = Schema.Struct({
  fromProduct: Schema.String,
  toProduct: Schema.String,
  /** A contract cancelled on or before this day is not switched. */
  cancelCutoff: CalendarDate,
  /** From this day an unused key of `fromProduct` registers as `toProduct`. */
  keysValidFrom: CalendarDate,
  /** From this day a customer sees their result; before it, "not yet". */
  resultsFrom: CalendarDate,
  /** The channels whose licences are switched; the others need a new contract. */
  switchedChannels: Schema.Array(SalesChannel),
})
export type SwitchRules = typeof SwitchRules.Type

/**
 * The manual's programme: the vendor's auto-renewal contracts (`direct`) and providers' monthly
 * plans move; in-app purchases, the free edition and anything else need a new contract.
 */
export const passwordManagerSwitch = (dates: {
  readonly cancelCutoff: string
  readonly keysValidFrom: string
  readonly resultsFrom: string
}): SwitchRules => ({
  fromProduct: "password-manager",
  toProduct: "id-protection",
  ...dates,
  switchedChannels: ["direct", "monthly-provider"],
})

/** What the plan's decision reads of one licence of the source product. */
export interface LicenceForSwitch {
  readonly productId: string
  readonly channel: SalesChannel
  /** The day the contract was cancelled, in the account's zone; none while it runs. */
  readonly cancelledOn?: string
  /** The licence's last valid day. */
  readonly expiresOn: string
  readonly suspended: boolean
}

export type SwitchOutcome =
  | { readonly _tag: "Switched"; readonly expiresOn: string }
  | { readonly _tag: "NotSwitched"; readonly reason: NotSwitchedReason }

const inAppChannels: ReadonlySet<SalesChannel> = new Set(["app-store", "google-play"])

/**
 * The plan's decision for one licence of its source product on `today` (the account's calendar
 * day): switched with the same last day, or not, with the reason. A licence of another product is
 * the caller's mistake, not an outcome.
 */
export const switchOutcome = (
  rules: SwitchRules,
  licence: LicenceForSwitch,
  today: string,
): SwitchOutcome => {
  if (licence.productId !== rules.fromProduct) {
    throw new Error(`a ${licence.productId} licence is not a source of this switch`)
  }
  if (!rules.switchedChannels.includes(licence.channel)) {
    const reason: NotSwitchedReason =
      licence.channel === "free"
        ? "free-edition"
        : inAppChannels.has(licence.channel)
          ? "in-app-purchase"
          : "channel-not-switched"
    return { _tag: "NotSwitched", reason }
  }
  if (licence.cancelledOn !== undefined && licence.cancelledOn <= rules.cancelCutoff) {
    return { _tag: "NotSwitched", reason: "cancelled-by-cutoff" }
  }
  if (licence.expiresOn < today) return { _tag: "NotSwitched", reason: "expired" }
  if (licence.suspended) return { _tag: "NotSwitched", reason: "suspended" }
  return { _tag: "Switched", expiresOn: licence.expiresOn }
}

/** The product an unused key of `keyProductId` registers as on `today` (the registering account's day). */
export const productOnRegistration = (rules: SwitchRules, keyProductId: string, today: string): string =>
  keyProductId === rules.fromProduct && today >= rules.keysValidFrom ? rules.toProduct : keyProductId

/** Whether a customer may see their result on `today`. */
export const resultsVisible = (rules: SwitchRules, today: string): boolean => today >= rules.resultsFrom
