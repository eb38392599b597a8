import { productOnRegistration, type SwitchRules } from "./switch-rules.js"

// An unused key of a switch's source product registers as its target from the plan's day. The
// registration hands the licence decider the plans whose source is the key's product; this picks
// the one that applies, so `decide` and a key's preview read the rule alike.

/** A plan's rules with its id, as a registration reads them. */
export interface PlannedSwitch {
  readonly planId: string
  readonly rules: SwitchRules
}

/** The product an unused key registers as because of a plan, and the plan that says so. */
export interface RegistrationSwitch {
  readonly planId: string
  readonly productId: string
}

/**
 * The plan that makes an unused key of `keyProductId` register as another product on `today` (the
 * registering account's calendar day), or none: the first of `plans` (in the order they were made)
 * whose rule moves the key. A switch moves a key one step; a plan from its target is not followed.
 */
export const switchOnRegistration = (
  plans: ReadonlyArray<PlannedSwitch>,
  keyProductId: string,
  today: string,
): RegistrationSwitch | undefined => {
  for (const plan of plans) {
    const productId = productOnRegistration(plan.rules, keyProductId, today)
    if (productId !== keyProductId) return { planId: plan.planId, productId }
  }
  return undefined
}
