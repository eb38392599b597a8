import { Either, FastCheck as fc } from "effect"
import { describe, expect } from "vitest"
import { instantFromMillis } from "../../domain/kernel/index.js"
import {
  type SwitchPlanCommand,
  type SwitchPlanError,
  type SwitchPlanEvent,
  type SwitchPlanState,
  switchPlanCodec,
  switchPlanDecider,
} from "../../domain/switching/switch-plan.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { type CommandScripts, describeCommandScripts } from "../support/command-scripts.js"

type Step =
  | { readonly _tag: "Create"; readonly variant: number; readonly wait: number }
  | { readonly _tag: "Batch"; readonly switched: number; readonly notSwitched: number; readonly wait: number }

// Random plan requests for one stream: the same rules again, other rules, unusable rules, and a run's
// batches (some that decided nothing). The plan's rules are fixed by the first request that made it;
// its counts are the sums of its batches.

const base = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
const variants = [
  base,
  { ...base, cancelCutoff: "2025-06-03" },
  { ...base, switchedChannels: ["direct" as const] },
  { ...base, toProduct: base.fromProduct },
  { ...base, keysValidFrom: "2025-06-01" },
] as const

const config: CommandScripts<
  SwitchPlanCommand,
  SwitchPlanState,
  SwitchPlanEvent,
  SwitchPlanError,
  Step,
  "once"
> = {
  decider: switchPlanDecider,
  scripts: fc.array(
    fc.oneof(
      fc.record({
        _tag: fc.constant("Create" as const),
        variant: fc.nat(variants.length - 1),
        wait: fc.nat(30),
      }),
      fc.record({
        _tag: fc.constant("Batch" as const),
        switched: fc.nat(3),
        notSwitched: fc.nat(2),
        wait: fc.nat(30),
      }),
    ),
    { minLength: 1, maxLength: 12 },
  ),
  resolver: () => {
    let time = Date.UTC(2025, 4, 1)
    return (step) => {
      time += step.wait * 60_000
      const at = instantFromMillis(time)
      if (step._tag === "Create")
        return { _tag: "CreatePlan", planId: "p1", rules: variants[step.variant]!, at }
      const mailsQueued = step.switched
      return {
        _tag: "RecordBatch",
        planId: "p1",
        switched: step.switched,
        notSwitched: step.notSwitched,
        mailsQueued,
        ...(mailsQueued === 0 ? {} : { mailsDueThrough: instantFromMillis(time + mailsQueued * 1000) }),
        at,
      }
    }
  },
  variants: ["once"],
  numRuns: 200,
}

describe("switch plans over random requests", () => {
  describeCommandScripts(config, {
    coverage: {
      labels: ({ events, refusal }) => [
        ...events.map((e) => e._tag),
        ...(refusal === undefined ? [] : [refusal._tag]),
      ],
      required: [
        "SwitchPlanCreated",
        "SwitchPlanExists",
        "SwitchRulesInvalid",
        "SwitchBatchApplied",
        "SwitchPlanAbsent",
      ],
      atLeast: 5,
    },
    invariants: {
      "a plan is made at most once, and its rules never change": (trace) => {
        const made = trace.flatMap((d) => d.events).filter((e) => e._tag === "SwitchPlanCreated")
        expect(made.length).toBeLessThanOrEqual(1)
        for (const { after } of trace) {
          if (after._tag === "Planned" && made[0] !== undefined) expect(after.rules).toEqual(made[0].rules)
        }
      },
      "the plan's counts are its batches' sums, and a batch of nothing is no batch": (trace) => {
        const batches = trace.flatMap((d) => d.events).filter((e) => e._tag === "SwitchBatchApplied")
        expect(batches.every((b) => b.switched + b.notSwitched > 0)).toBe(true)
        const last = trace.at(-1)?.after
        if (last?._tag !== "Planned") return expect(batches).toEqual([])
        expect(last.batches).toBe(batches.length)
        expect(last.switched).toBe(batches.reduce((n, b) => n + b.switched, 0))
        expect(last.notSwitched).toBe(batches.reduce((n, b) => n + b.notSwitched, 0))
        expect(last.mailsQueued).toBe(batches.reduce((n, b) => n + b.mailsQueued, 0))
      },
      "every event survives its codec": (trace) => {
        for (const event of trace.flatMap((d) => d.events)) {
          const encoded = switchPlanCodec.encode(event)
          expect(switchPlanCodec.decode(encoded.type, encoded.schemaVersion, encoded.data)).toEqual(
            Either.right(event),
          )
        }
      },
    },
  })
})
