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

// Random plan requests for one stream: the same rules again, other rules, unusable rules. The plan's
// rules are fixed by the first request that made it.

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
  readonly [number, number],
  "once"
> = {
  decider: switchPlanDecider,
  scripts: fc.array(fc.tuple(fc.nat(variants.length - 1), fc.nat(30)), { minLength: 1, maxLength: 12 }),
  resolver: () => {
    let time = Date.UTC(2025, 4, 1)
    return ([variant, wait]) => {
      time += wait * 60_000
      return { _tag: "CreatePlan", planId: "p1", rules: variants[variant]!, at: instantFromMillis(time) }
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
      required: ["SwitchPlanCreated", "SwitchPlanExists", "SwitchRulesInvalid"],
      atLeast: 5,
    },
    invariants: {
      "a plan is made at most once, and its rules never change": (trace) => {
        const made = trace.flatMap((d) => d.events)
        expect(made.length).toBeLessThanOrEqual(1)
        for (const { after } of trace) {
          if (after._tag === "Planned" && made[0] !== undefined) expect(after.rules).toEqual(made[0].rules)
        }
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
