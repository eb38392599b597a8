import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  type CommandScripts,
  expectCoverage,
  forEveryScript,
  runScript,
  type Trace,
} from "../support/command-scripts.js"
import {
  AmountAdded,
  type TallyCommand,
  type TallyError,
  type TallyEvent,
  type TallyState,
  tallyDecider,
} from "../support/tally.js"

// The harness itself, on the kernel's sample tally: it must catch what it is there to catch.

const at = "2026-01-10T09:00:00.000Z"
const command: fc.Arbitrary<TallyCommand> = fc.oneof(
  fc.constant({ _tag: "Open" as const, name: "t", at }),
  fc.integer({ min: -3, max: 3 }).map((amount) => ({ _tag: "Add" as const, amount, at })),
  fc.constant({ _tag: "Close" as const, at }),
)
type Config = CommandScripts<TallyCommand, TallyState, TallyEvent, TallyError, TallyCommand, "only">
const config = (decider = tallyDecider): Config => ({
  decider,
  scripts: fc.array(command, { maxLength: 20 }),
  resolver: () => (step) => step,
  variants: ["only"],
  numRuns: 50,
})
const labels = ({ events }: { readonly events: ReadonlyArray<TallyEvent> }) => events.map((e) => e._tag)

describe("command scripts harness", () => {
  it("decides each step on the state so far, folding only Right events", () => {
    const trace = runScript(
      config(),
      [
        { _tag: "Add", amount: 1, at },
        { _tag: "Open", name: "t", at },
      ],
      "only",
    )
    expect(trace.map((d) => d.refusal?._tag ?? d.events.map((e) => e._tag))).toEqual([
      "TallyNotOpen",
      ["TallyOpened"],
    ])
    expect(trace[1]?.after).toEqual({ _tag: "Open", name: "t", total: 0, adds: 0 })
  })

  it("passes the coverage guard when the states are reached, and fails it when one is not", () => {
    expectCoverage(config(), { labels, required: ["TallyOpened", "AmountAdded", "TallyClosed"] })
    expect(() => expectCoverage(config(), { labels, required: ["TallyReopened"] })).toThrow(/TallyReopened/)
  })

  it("reports a broken invariant with the commands as decided", () => {
    const addsEvenWhenClosed: Config["decider"] = {
      ...tallyDecider,
      decide: (c, s) =>
        c._tag === "Add" && s._tag === "Closed" && c.amount !== 0
          ? Either.right([AmountAdded.make({ amount: c.amount, at: c.at })])
          : tallyDecider.decide(c, s),
    }
    const nothingAfterClose = (trace: Trace<TallyCommand, TallyState, TallyEvent, TallyError>) => {
      for (const { before, events } of trace) if (before._tag === "Closed") expect(events).toEqual([])
    }
    forEveryScript(config(), nothingAfterClose)
    expect(() => forEveryScript(config(addsEvenWhenClosed), nothingAfterClose)).toThrow(
      /decided:[\s\S]*"Close"/,
    )
  })
})
