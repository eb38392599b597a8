import { Data, Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { switchPlan, switchPlanStreamId } from "../../domain/switching/switch-plan.js"
import type { SwitchRules } from "../../domain/switching/switch-rules.js"
import { findProduct, ProductNotFound } from "../catalog/catalog-product.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"

/** No switch plan has this id. */
export class SwitchPlanUnknown extends Data.TaggedError("SwitchPlanUnknown")<{ readonly planId: string }> {}

/** Makes a switch plan between two catalogue products; its rules are fixed from then on. */
export const createSwitchPlan = Effect.fn("Switching.createPlan")(function* (
  rules: SwitchRules,
  metadata: EventMetadata,
) {
  for (const productId of [rules.fromProduct, rules.toProduct]) {
    if ((yield* findProduct(productId)) === undefined) return yield* new ProductNotFound({ productId })
  }
  const planId = yield* (yield* SecureRandom).uuidV7
  yield* runCommand(
    switchPlan,
    switchPlanStreamId(planId),
    { _tag: "CreatePlan", planId, rules, at: yield* now },
    { metadata },
  )
  return { planId, rules }
})

/** A plan as it was made. */
export const switchPlanOf = Effect.fn("Switching.planOf")(function* (planId: string) {
  const { state } = yield* loadAggregate(switchPlan, switchPlanStreamId(planId))
  if (state._tag === "Absent") return yield* new SwitchPlanUnknown({ planId })
  return state
})
