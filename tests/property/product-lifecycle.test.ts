import { Either, FastCheck as fc } from "effect"
import { describe, expect } from "vitest"
import {
  type ProductCommand,
  type ProductError,
  type ProductEvent,
  type ProductState,
  productCodec,
  productDecider,
} from "../../domain/catalog/product.js"
import { phaseAt } from "../../domain/catalog/product-lifecycle.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { type CommandScripts, describeCommandScripts } from "../support/command-scripts.js"

// Random command scripts against one product stream: schedules (some moved, some cancelled), notice
// batches in and out of order, and applies early, on time and stale. The time moves forward only.

const hour = 60 * 60 * 1000
const start = Date.UTC(2025, 9, 1)
const productId = "password-manager"
const details = sampleCatalog.find((p) => p.productId === productId)!.details

type Step =
  | { readonly _tag: "Catalog" }
  | {
      readonly _tag: "Schedule"
      readonly inHours: number
      readonly successorPhase: "active" | "unknown" | "ended"
    }
  | { readonly _tag: "Cancel" }
  | { readonly _tag: "Notice"; readonly fresh: boolean; readonly done: boolean }
  | { readonly _tag: "Apply"; readonly current: boolean }

const step: fc.Arbitrary<readonly [Step, number]> = fc.tuple(
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ _tag: "Catalog" as const }) },
    {
      weight: 3,
      arbitrary: fc.record({
        _tag: fc.constant("Schedule" as const),
        inHours: fc.integer({ min: -2, max: 30 }),
        successorPhase: fc.constantFrom(
          "active" as const,
          "active" as const,
          "unknown" as const,
          "ended" as const,
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ _tag: "Cancel" as const }) },
    {
      weight: 3,
      arbitrary: fc.record({ _tag: fc.constant("Notice" as const), fresh: fc.boolean(), done: fc.boolean() }),
    },
    { weight: 3, arbitrary: fc.record({ _tag: fc.constant("Apply" as const), current: fc.boolean() }) },
  ),
  fc.nat(12),
)

const scripts = fc
  .array(step, { minLength: 1, maxLength: 25 })
  .map((rest) => [[{ _tag: "Catalog" } as Step, 0] as const, ...rest])

const lifecycleOf = (state: ProductState) => (state._tag === "Cataloged" ? state.lifecycle : undefined)

const config: CommandScripts<
  ProductCommand,
  ProductState,
  ProductEvent,
  ProductError,
  readonly [Step, number],
  "once"
> = {
  decider: productDecider,
  scripts,
  // The resolver gives each command its time, a fresh schedule id, and the notice cursor (the
  // recorded one, or a stale one) — what the job would have read.
  resolver: () => {
    let time = start
    let ids = 0
    return ([next, wait], state) => {
      time += wait * hour
      const at = instantFromMillis(time)
      const lifecycle = lifecycleOf(state)
      const scheduleId = lifecycle && lifecycle._tag !== "Active" ? lifecycle.scheduleId : "none"
      switch (next._tag) {
        case "Catalog":
          return { _tag: "Catalog", productId, details, at }
        case "Schedule":
          return {
            _tag: "ScheduleSunset",
            productId,
            scheduleId: `s${++ids}`,
            endsAt: instantFromMillis(time + next.inHours * hour),
            successor: "id-protection",
            successorPhase: next.successorPhase,
            noticeLeadDays: 1,
            at,
          }
        case "Cancel":
          return { _tag: "CancelSunset", productId, at }
        case "Notice": {
          const through = lifecycle?._tag === "SunsetScheduled" ? lifecycle.noticesThrough : undefined
          return {
            _tag: "RecordNoticeBatch",
            productId,
            scheduleId,
            after: next.fresh ? through : "acc-stale",
            through: `acc-${time}`,
            count: 500,
            done: next.done,
            at,
          }
        }
        case "Apply":
          return { _tag: "ApplySunset", productId, scheduleId: next.current ? scheduleId : "s-old", at }
      }
    }
  },
  variants: ["once"],
  numRuns: 200,
}

describe("product lifecycle over random command sequences", () => {
  describeCommandScripts(config, {
    coverage: {
      labels: ({ events, refusal, command, before }) => [
        ...events.map((e) => e._tag),
        ...(refusal === undefined ? [] : [refusal._tag]),
        ...events.flatMap((e) =>
          e._tag === "SunsetScheduled" && e.replaces !== undefined ? ["rescheduled"] : [],
        ),
        ...(command._tag === "ApplySunset" &&
        events.length === 0 &&
        refusal === undefined &&
        lifecycleOf(before)?._tag === "SunsetScheduled"
          ? ["stale apply"]
          : []),
      ],
      required: [
        "SunsetScheduled",
        "rescheduled",
        "SunsetCancelled",
        "SunsetNoticesQueued",
        "ServiceSunset",
        "stale apply",
        "SunsetNotDue",
        "SunsetInPast",
        "SunsetAlreadyDue",
        "SuccessorInvalid",
        "ServiceAlreadyEnded",
      ],
      atLeast: 5,
    },
    invariants: {
      "records ServiceSunset at most once, never before the instant, and never leaves Ended": (trace) => {
        const sunsets = trace.flatMap((d) => d.events).filter((e) => e._tag === "ServiceSunset")
        expect(sunsets.length).toBeLessThanOrEqual(1)
        for (const sunset of sunsets)
          expect(Date.parse(sunset.at)).toBeGreaterThanOrEqual(Date.parse(sunset.endsAt))
        let ended = false
        for (const { after } of trace) {
          if (ended) expect(lifecycleOf(after)?._tag).toBe("Ended")
          ended ||= lifecycleOf(after)?._tag === "Ended"
        }
      },
      "the phase read by time only moves forward for a fixed log": (trace) => {
        const last = lifecycleOf(trace.at(-1)!.after)
        if (last === undefined) return
        const order = { active: 0, "sunset-scheduled": 1, ended: 2 }
        let seen = -1
        for (let t = start; t < start + 400 * hour; t += 7 * hour) {
          const phase = order[phaseAt(last, instantFromMillis(t)).phase]
          expect(phase).toBeGreaterThanOrEqual(seen)
          seen = phase
        }
      },
      "queues notices only for the current schedule, each cursor once": (trace) => {
        for (const { before, events, command } of trace) {
          for (const event of events) {
            if (event._tag !== "SunsetNoticesQueued" || command._tag !== "RecordNoticeBatch") continue
            const lifecycle = lifecycleOf(before)
            expect(lifecycle?._tag).toBe("SunsetScheduled")
            if (lifecycle?._tag === "SunsetScheduled") {
              expect(event.scheduleId).toBe(lifecycle.scheduleId)
              expect(command.after).toBe(lifecycle.noticesThrough)
              expect(lifecycle.noticesDone).toBe(false)
            }
          }
        }
      },
      "answers a command decided again right after itself with [] or a refusal": (trace) => {
        for (const { command, after } of trace) {
          // A fresh notice batch moves the cursor, so the same batch again is stale: [] as well.
          const again = productDecider.decide(command, after)
          if (Either.isRight(again)) expect(again.right).toEqual([])
        }
      },
      "every event survives its codec": (trace) => {
        for (const event of trace.flatMap((d) => d.events)) {
          const encoded = productCodec.encode(event)
          expect(productCodec.decode(encoded.type, encoded.schemaVersion, encoded.data)).toEqual(
            Either.right(event),
          )
        }
      },
    },
  })
})
