import { describe, expect } from "vitest"
import { describeCommandScripts, type Trace } from "../support/command-scripts.js"
import {
  instanceScripts,
  type SystemCommand,
  type SystemError,
  type SystemEvent,
  type SystemState,
} from "../support/instance-scripts.js"

// The one-way door of manual 004's update over random interleavings of update requests, the
// console's temporary problems, its beginning and end, each delivered late or again (a crash, a
// restart, a second `serve`), and the licence's move asked again and again.

type SystemTrace = Trace<SystemCommand, SystemState, SystemEvent, SystemError>
const tags = (trace: SystemTrace) => trace.flatMap(({ events }) => events.map(({ event }) => event._tag))

describe("the instance's update over random interleavings", () => {
  describeCommandScripts(instanceScripts, {
    coverage: {
      labels: ({ events, refusal, after }) => [
        ...events.map(({ event }) => event._tag),
        ...(refusal ? [`refused:${refusal._tag}`] : []),
        ...(after.instance._tag === "Switched" &&
        after.licence._tag === "Registered" &&
        after.licence.key.productId === "vision-one-sep"
          ? ["both-moved"]
          : []),
      ],
      required: [
        "UpdateRequested",
        "UpdateFailedForNow",
        "UpdateBegan",
        "InstanceSwitched",
        "ProductSwitched",
        "both-moved",
        "refused:UpdateInProgress",
        "refused:AlreadyUpdated",
        "refused:TemporarilyUnavailable",
        "refused:AcknowledgementRequired",
      ],
    },
    invariants: {
      "reaches connected as Standard Endpoint Protection at most once, and never goes back": (trace) => {
        expect(tags(trace).filter((tag) => tag === "InstanceSwitched").length).toBeLessThanOrEqual(1)
        let switched = false
        for (const { after } of trace) {
          if (switched) expect(after.instance._tag).toBe("Switched")
          switched ||= after.instance._tag === "Switched"
        }
      },
      "the licence records exactly one ProductSwitched, and only after the instance switched": (trace) => {
        const moved = trace.filter(({ events }) =>
          events.some(({ event }) => event._tag === "ProductSwitched"),
        )
        expect(moved.length).toBeLessThanOrEqual(1)
        for (const { before } of moved) expect(before.instance._tag).toBe("Switched")
        const asked = trace.some(
          ({ command, before }) => command.to === "licence" && before.instance._tag === "Switched",
        )
        expect(moved.length).toBe(asked ? 1 : 0)
      },
      "once begun, an attempt is never rolled back, and no attempt starts while one runs": (trace) => {
        for (const { before, events } of trace) {
          const kinds = events.map(({ event }) => event._tag)
          if (before.instance._tag === "Updating" && before.instance.begun)
            expect(kinds).not.toContain("UpdateFailedForNow")
          if (before.instance._tag === "Updating" || before.instance._tag === "Switched")
            expect(kinds).not.toContain("UpdateRequested")
        }
      },
      "attempts count up by one from the last": (trace) => {
        let last = 0
        for (const { events } of trace)
          for (const { event } of events)
            if (event._tag === "UpdateRequested") {
              expect(event.attempt).toBe(last + 1)
              last = event.attempt
            }
      },
    },
  })
})
