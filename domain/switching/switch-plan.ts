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

/**
 * One batch of a run, committed with the licences' outcomes it counts: the run's audit trail, and
 * where its mails stand, so the next batch (after a restart too) keeps to the mail rate.
 */
export const SwitchBatchApplied = Schema.TaggedStruct("SwitchBatchApplied", {
  planId: Schema.String,
  switched: Schema.Int,
  notSwitched: Schema.Int,
  mailsQueued: Schema.Int,
  /** When the batch's last mail is due to leave; absent when it queued none. */
  mailsDueThrough: Schema.optionalWith(InstantSchema, { exact: true }),
  at: InstantSchema,
})

export type SwitchPlanEvent = typeof SwitchPlanCreated.Type | typeof SwitchBatchApplied.Type

export type SwitchPlanState =
  | { readonly _tag: "Absent" }
  | {
      readonly _tag: "Planned"
      readonly planId: string
      readonly rules: SwitchRules
      readonly createdAt: Instant
      readonly batches: number
      readonly switched: number
      readonly notSwitched: number
      readonly mailsQueued: number
      readonly mailsDueThrough?: Instant
    }

export type SwitchPlanCommand =
  | {
      readonly _tag: "CreatePlan"
      readonly planId: string
      readonly rules: SwitchRules
      readonly at: Instant
    }
  | {
      readonly _tag: "RecordBatch"
      readonly planId: string
      readonly switched: number
      readonly notSwitched: number
      readonly mailsQueued: number
      readonly mailsDueThrough?: Instant
      readonly at: Instant
    }

/** The plan's id names a plan made with other rules: rules are never changed, a new plan is made. */
export class SwitchPlanExists extends Data.TaggedError("SwitchPlanExists")<{ readonly planId: string }> {}
/** A switch from a product to itself, or with its days out of order. */
export class SwitchRulesInvalid extends Data.TaggedError("SwitchRulesInvalid")<{ readonly reason: string }> {}

/** A batch for a plan that was never made. */
export class SwitchPlanAbsent extends Data.TaggedError("SwitchPlanAbsent")<{ readonly planId: string }> {}

export type SwitchPlanError = SwitchPlanExists | SwitchRulesInvalid | SwitchPlanAbsent

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
    if (command._tag === "RecordBatch") {
      if (state._tag === "Absent") return Either.left(new SwitchPlanAbsent({ planId: command.planId }))
      // A batch that decided nothing (every licence in it decided before) is no batch.
      if (command.switched + command.notSwitched === 0) return Either.right([])
      const { _tag, ...batch } = command
      return Either.right([SwitchBatchApplied.make(batch)])
    }
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
  evolve: (state, event) => {
    switch (event._tag) {
      case "SwitchPlanCreated":
        return state._tag === "Absent"
          ? {
              _tag: "Planned",
              planId: event.planId,
              rules: event.rules,
              createdAt: event.at,
              batches: 0,
              switched: 0,
              notSwitched: 0,
              mailsQueued: 0,
            }
          : state
      case "SwitchBatchApplied":
        return state._tag === "Absent"
          ? state
          : {
              ...state,
              batches: state.batches + 1,
              switched: state.switched + event.switched,
              notSwitched: state.notSwitched + event.notSwitched,
              mailsQueued: state.mailsQueued + event.mailsQueued,
              ...(event.mailsDueThrough === undefined ? {} : { mailsDueThrough: event.mailsDueThrough }),
            }
    }
  },
}

export const switchPlanCodec = makeEventCodec({
  SwitchPlanCreated: { schema: SwitchPlanCreated },
  SwitchBatchApplied: { schema: SwitchBatchApplied },
})

export const switchPlan = { decider: switchPlanDecider, codec: switchPlanCodec }
