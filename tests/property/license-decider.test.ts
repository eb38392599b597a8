import { Either, FastCheck as fc } from "effect"
import { describe, expect } from "vitest"
import { instantFromMillis } from "../../domain/kernel/index.js"
import {
  type LicenseCommand,
  type LicenseError,
  type LicenseState,
  licenseDecider,
} from "../../domain/licensing/license.js"
import type { LicenseEvent } from "../../domain/licensing/license-events.js"
import type { PlannedSwitch } from "../../domain/switching/key-registration.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { type CommandScripts, describeCommandScripts } from "../support/command-scripts.js"

// Random command scripts against one licence stream, through tests/support/command-scripts.ts: each
// command is decided against the state so far, its events folded in, a refusal changes nothing.
//
// No isTerminal: no licence state is final today. A registered licence can still be renewed,
// suspended and reinstated, and a key nobody registered can still be. The sunset adds the first
// final standing; its property is then "once sunset, only [] or a refusal". Until then the repeat
// property stands in: a command decided again right after itself changes nothing.

const minute = 60_000
const start = Date.UTC(2026, 0, 10, 9, 0, 0)

const expiries = ["2026-12-31", "2027-03-31", "2028-03-31"] as const
const today = fc.constantFrom("2026-06-01", "2027-03-31", "2027-04-01", "2028-01-01")
const accountId = fc.constantFrom("acc-1", "acc-1", "acc-2")
const placeholder = instantFromMillis(0)
const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
// A switch from one of the keys' products, whose unused keys register as its target from a day the
// scripts' days fall on both sides of.
const plan: PlannedSwitch = {
  planId: "plan-1",
  rules: passwordManagerSwitch({
    cancelCutoff: "2027-03-30",
    keysValidFrom: "2027-03-31",
    resultsFrom: "2027-03-01",
  }),
}
const registrationPlans = fc.constantFrom<ReadonlyArray<PlannedSwitch>>([], [], [plan])

const issueKey = fc.record({
  _tag: fc.constant("IssueKey" as const),
  key: fc.record({
    keyHash: fc.constant("h"),
    sealedKey: fc.constant("v1.k.n.b"),
    kind: fc.constant("rk" as const),
    productId: fc.constantFrom(
      "cloud-app-security",
      "password-manager",
      "password-manager",
      "password-manager",
    ),
    packageId: fc.constant("standard"),
    seats: fc.integer({ min: 1, max: 500 }),
    licenseType: fc.constantFrom("full" as const, "trial" as const),
    expiresOn: fc.constantFrom(...expiries),
    channel: fc.constant("direct" as const),
    batchId: fc.constant("b1"),
  }),
  at: fc.constant(placeholder),
})

const command: fc.Arbitrary<LicenseCommand> = fc.oneof(
  { weight: 1, arbitrary: issueKey },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("Register" as const),
      accountId,
      today,
      switches: registrationPlans,
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Renew" as const),
      expiresOn: fc.constantFrom(...expiries),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant("Suspend" as const),
      reason: fc.constantFrom("chargeback", "abuse"),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ _tag: fc.constant("Reinstate" as const), at: fc.constant(placeholder) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("ChangeChannel" as const),
      channel: fc.constantFrom("direct" as const, "app-store" as const, "free" as const),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("RecordCancellation" as const),
      cancelledOn: fc.constantFrom("2025-06-04", "2025-06-05"),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("ApplySwitch" as const),
      planId: fc.constantFrom("p1", "p2", "p3", "p4"),
      rules: fc.constant(rules),
      today,
      at: fc.constant(placeholder),
    }),
  },
)

// Each step waits 0 to 20 minutes, so times only move forward. Most scripts open by issuing the key,
// or the licence would spend them unknown; a fifth do not, so unknown keys are refused too.
const script = fc
  .tuple(
    fc.option(issueKey, { freq: 5, nil: undefined }),
    fc.array(fc.tuple(command, fc.nat(20)), { minLength: 1, maxLength: 30 }),
  )
  .map(([first, rest]) => (first ? [[first, 0] as const, ...rest] : rest))

type Step = readonly [LicenseCommand, number]

const licenseScripts: CommandScripts<LicenseCommand, LicenseState, LicenseEvent, LicenseError, Step, "once"> =
  {
    decider: licenseDecider,
    scripts: script,
    // The resolver only dates each command; the decider decides everything else.
    resolver: () => {
      let time = start
      return ([command, wait]) => {
        time += wait * minute
        return { ...command, at: instantFromMillis(time) }
      }
    },
    variants: ["once"],
    numRuns: 200,
  }

const ownerOf = (state: LicenseState) => (state._tag === "Registered" ? state.accountId : undefined)
const keyOf = (state: LicenseState) => (state._tag === "Unknown" ? undefined : state.key)

describe("licence decider over random command sequences", () => {
  describeCommandScripts(licenseScripts, {
    coverage: {
      labels: ({ events, refusal, after }) => [
        ...events.map((e) => e._tag),
        ...(refusal === undefined ? [] : [refusal._tag]),
        ...(after._tag === "Registered" ? [`standing:${after.standing._tag}`] : []),
        ...events.flatMap((e) =>
          e._tag !== "LicenseRegistered"
            ? []
            : [e.productId === undefined ? "registered-as-issued" : "registered-as-switch-target"],
        ),
      ],
      required: [
        "LicenseKeyIssued",
        "LicenseRegistered",
        "LicenseSuspended",
        "LicenseReinstated",
        "LicenseRenewed",
        "standing:Suspended",
        "LicenseKeyUnknown",
        "LicenseKeyAlreadyIssued",
        "LicenseAlreadyRegistered",
        "LicenseKeyExpired",
        "LicenseNotRegistered",
        "ProductSwitched",
        "LicenseNotSwitched",
        "registered-as-issued",
        "registered-as-switch-target",
      ],
      atLeast: 10,
      // The switch's commands thin the others out: enough scripts that the rarest label (a
      // reinstatement, a switch) is met ten times in every run, not in most.
      numRuns: 1000,
    },
    invariants: {
      "sets the owner at most once and never changes it": (trace) => {
        const registrations = trace.flatMap((e) => e.events).filter((e) => e._tag === "LicenseRegistered")
        expect(registrations.length).toBeLessThanOrEqual(1)
        let owner: string | undefined
        for (const { after } of trace) {
          if (owner !== undefined) expect(ownerOf(after)).toBe(owner)
          owner = ownerOf(after)
        }
        if (registrations[0]) expect(owner).toBe(registrations[0].accountId)
      },
      "suspends and reinstates only a registered licence, and its standing moves only by those events": (
        trace,
      ) => {
        for (const { before, after, events, command } of trace) {
          const standingEvents = events
            .map((e) => e._tag)
            .filter((t) => t === "LicenseSuspended" || t === "LicenseReinstated")
          if (standingEvents.length > 0) expect(before._tag).toBe("Registered")
          if ((command._tag === "Suspend" || command._tag === "Reinstate") && before._tag !== "Registered")
            expect(events).toEqual([])
          if (before._tag === "Registered" && after._tag === "Registered") {
            const was = before.standing._tag
            const is = after.standing._tag
            if (was === is) expect(standingEvents).toEqual([])
            else
              expect(standingEvents).toEqual([is === "Suspended" ? "LicenseSuspended" : "LicenseReinstated"])
          }
        }
      },
      "changes the expiry only through renewal, the channel only through its correction, the product only through a switch or a switched registration, and the other terms never":
        (trace) => {
          for (const { before, after, events } of trace) {
            const was = keyOf(before)
            const is = keyOf(after)
            if (!was || !is) continue
            const { expiresOn: wasExpiry, channel: wasChannel, productId: wasProduct, ...wasRest } = was
            const { expiresOn: isExpiry, channel: isChannel, productId: isProduct, ...isRest } = is
            expect(isRest).toEqual(wasRest)
            const switches = events.filter((e) => e._tag === "ProductSwitched")
            const registeredAs = events.flatMap((e) =>
              e._tag === "LicenseRegistered" && e.productId !== undefined ? [e.productId] : [],
            )
            if (wasProduct === isProduct) expect([...switches, ...registeredAs]).toEqual([])
            else if (registeredAs.length > 0) expect([switches, registeredAs]).toEqual([[], [isProduct]])
            else
              expect(switches).toEqual([
                expect.objectContaining({
                  fromProduct: wasProduct,
                  productId: isProduct,
                  expiresOn: wasExpiry,
                }),
              ])
            const corrections = events.filter((e) => e._tag === "LicenseChannelChanged")
            if (wasChannel === isChannel) expect(corrections).toEqual([])
            else
              expect(corrections).toEqual([
                expect.objectContaining({ previousChannel: wasChannel, channel: isChannel }),
              ])
            const renewals = events.filter((e) => e._tag === "LicenseRenewed")
            if (wasExpiry === isExpiry) expect(renewals).toEqual([])
            else
              expect(renewals).toEqual([
                expect.objectContaining({ previousExpiresOn: wasExpiry, expiresOn: isExpiry }),
              ])
          }
        },
      "a plan decides a licence once, only a registered licence of its source product, for its holder": (
        trace,
      ) => {
        const outcomes = trace.flatMap(({ before, events }) =>
          events
            .filter((e) => e._tag === "ProductSwitched" || e._tag === "LicenseNotSwitched")
            .map((e) => ({ e, before })),
        )
        const plans = outcomes.map(({ e }) => e.planId)
        expect(new Set(plans).size).toBe(plans.length)
        for (const { e, before } of outcomes) {
          expect(before._tag).toBe("Registered")
          if (before._tag !== "Registered") continue
          expect(before.key.productId).toBe(rules.fromProduct)
          expect(e.accountId).toBe(before.accountId)
        }
      },
      "registers a key as a plan's target exactly when the plan is from its product and its day has come": (
        trace,
      ) => {
        for (const { before, command, events } of trace) {
          const registered = events.find((e) => e._tag === "LicenseRegistered")
          if (command._tag !== "Register" || registered === undefined || before._tag !== "Issued") continue
          const applies = (command.switches ?? []).find(
            (p) => p.rules.fromProduct === before.key.productId && command.today >= p.rules.keysValidFrom,
          )
          expect([registered.productId, registered.switchPlanId]).toEqual(
            applies ? [applies.rules.toProduct, applies.planId] : [undefined, undefined],
          )
        }
      },
      "answers a command decided again right after itself with [] or a refusal": (trace) => {
        for (const { command, after } of trace) {
          const again = licenseDecider.decide(command, after)
          if (Either.isRight(again)) expect(again.right).toEqual([])
        }
      },
    },
  })
})
