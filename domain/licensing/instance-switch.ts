import type { Instant } from "../kernel/instant.js"
import { type IssuedKey, ProductSwitched } from "./license-events.js"

/** The licence of an updated product instance moves to the instance's new product. */
export interface InstanceSwitchCommand {
  readonly _tag: "SwitchForInstance"
  readonly instanceId: string
  readonly productId: string
  readonly at: Instant
}

/** The plan id an instance's move is recorded under: its stream, unlike any switch plan's id. */
export const instancePlanId = (instanceId: string) => `instance-${instanceId}`

/**
 * Once per instance, like a plan: a licence that records this instance's move already, or is the
 * target product already, stays as it is.
 */
export const decideInstanceSwitch = (
  command: InstanceSwitchCommand,
  state: {
    readonly key: IssuedKey
    readonly accountId: string
    readonly switchPlans?: ReadonlyArray<string>
  },
) => {
  const planId = instancePlanId(command.instanceId)
  if (state.switchPlans?.includes(planId) || state.key.productId === command.productId) return []
  return [
    ProductSwitched.make({
      planId,
      instanceId: command.instanceId,
      accountId: state.accountId,
      fromProduct: state.key.productId,
      productId: command.productId,
      expiresOn: state.key.expiresOn,
      at: command.at,
    }),
  ]
}
