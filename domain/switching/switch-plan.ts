import { Data, Either, Schema } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { type Instant, Instant as InstantSchema } from "../kernel/instant.js"
import { SwitchRules } from "./switch-rules.js"

// One stream per switch programme, `switch-<planId>`: the plan's rules, fixed when it is made. The
// run's progress and each licence's outcome come with the run; what a run decides is read off these
// rules, so a replay decides the same.

export const switchPlanStreamId = (planId: string) => `switch-${planId}`

export const SwitchPlanCreated = Schema.TaggedStruct("SwitchPlanCreated", {
  planId: Schema.String,
  rules: SwitchRules,
  at: InstantSchema,
})

export type SwitchPlanEvent = typeof SwitchPlanCreated.Type

export type SwitchPlanState =
  | { readonly _tag: "Absent" }
  | {
      readonly _tag: "Planned"
      readonly planId: string
      readonly rules: SwitchRules
      readonly createdAt: Instant
    }

export type SwitchPlanCommand = {
  readonly _tag: "CreatePlan"
  readonly planId: string
  readonly rules: SwitchRules
  readonly at: Instant
}

/** The plan's id names a plan made with other rules: rules are never changed, a new plan is made. */
export class SwitchPlanExists extends Data.TaggedError("SwitchPlanExists")<{ readonly planId: string }> {}
/** A switch from a product to itself, or with its days out of order. */
export class SwitchRulesInvalid extends Data.TaggedError("SwitchRulesInvalid")<{ readonly reason: string }> {}

export type SwitchPlanError = SwitchPlanExists | SwitchRulesInvalid

const sameRules = Schema.equivalence(SwitchRules)

/** What makes rules unusable, or nothing. */
export const rulesProblem = (rules: SwitchRules): string | undefined => {
  if (rules.fromProduct === rules.toProduct) return "the source and the target are the same product"
  if (rules.keysValidFrom <= rules.cancelCutoff)
    return "unused keys must register as the target after the cancellation cut-off"
  if (rules.switchedChannels.length === 0) return "no channel is switched"
  return undefined
}

export const switchPlanDecider: Decider<
  SwitchPlanCommand,
  SwitchPlanState,
  SwitchPlanEvent,
  SwitchPlanError
> = {
  initialState: { _tag: "Absent" },
  decide: (command, state) => {
    if (state._tag === "Planned") {
      return sameRules(state.rules, command.rules)
        ? Either.right([])
        : Either.left(new SwitchPlanExists({ planId: state.planId }))
    }
    const problem = rulesProblem(command.rules)
    if (problem !== undefined) return Either.left(new SwitchRulesInvalid({ reason: problem }))
    return Either.right([
      SwitchPlanCreated.make({ planId: command.planId, rules: command.rules, at: command.at }),
    ])
  },
  evolve: (state, event) =>
    state._tag === "Absent"
      ? { _tag: "Planned", planId: event.planId, rules: event.rules, createdAt: event.at }
      : state,
}

export const switchPlanCodec = makeEventCodec({
  SwitchPlanCreated: { schema: SwitchPlanCreated },
})

export const switchPlan = { decider: switchPlanDecider, codec: switchPlanCodec }
