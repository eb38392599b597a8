import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { instantFromMillis } from "../../domain/kernel/index.js"
import {
  type LicenseCommand,
  type LicenseError,
  type LicenseState,
  licenseDecider,
} from "../../domain/licensing/license.js"
import type { LicenseEvent } from "../../domain/licensing/license-events.js"

// Random command sequences against one licence stream: each command is decided against the state so
// far, its events folded in, a refusal changes nothing. The invariants are checked over the trace.
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

const issueKey = fc.record({
  _tag: fc.constant("IssueKey" as const),
  key: fc.record({
    keyHash: fc.constant("h"),
    sealedKey: fc.constant("v1.k.n.b"),
    kind: fc.constant("rk" as const),
    productId: fc.constant("cloud-app-security"),
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
)

// Each step waits 0 to 20 minutes, so times only move forward. Most scripts open by issuing the key,
// or the licence would spend them unknown; a fifth do not, so unknown keys are refused too.
const script = fc
  .tuple(
    fc.option(issueKey, { freq: 5, nil: undefined }),
    fc.array(fc.tuple(command, fc.nat(20)), { minLength: 1, maxLength: 30 }),
  )
  .map(([first, rest]) => (first ? [[first, 0] as const, ...rest] : rest))

interface Entry {
  readonly command: LicenseCommand
  readonly before: LicenseState
  readonly after: LicenseState
  readonly events: ReadonlyArray<LicenseEvent>
  readonly refusal: LicenseError | undefined
  /** The same command decided once more, on the state it produced. */
  readonly repeated: Either.Either<ReadonlyArray<LicenseEvent>, LicenseError>
}

const run = (steps: ReadonlyArray<readonly [LicenseCommand, number]>): ReadonlyArray<Entry> => {
  let state = licenseDecider.initialState
  let time = start
  const trace: Array<Entry> = []
  for (const [drawn, wait] of steps) {
    time += wait * minute
    const command = { ...drawn, at: instantFromMillis(time) }
    const result = licenseDecider.decide(command, state)
    const events = Either.isRight(result) ? result.right : []
    const after = events.reduce(licenseDecider.evolve, state)
    const repeated = licenseDecider.decide(command, after)
    trace.push({
      command,
      before: state,
      after,
      events,
      refusal: Either.isLeft(result) ? result.left : undefined,
      repeated,
    })
    state = after
  }
  return trace
}

const forEverySequence = (check: (trace: ReadonlyArray<Entry>) => void) =>
  fc.assert(
    fc.property(script, (steps) => {
      const trace = run(steps)
      try {
        check(trace)
      } catch (error) {
        const decided = trace.map(({ command, events, refusal }) => ({
          command: command._tag,
          outcome: refusal?._tag ?? events.map((e) => e._tag),
        }))
        throw new Error(`${String(error)}\ndecided:\n${decided.map((d) => JSON.stringify(d)).join("\n")}`)
      }
    }),
    { numRuns: 200 },
  )

const ownerOf = (state: LicenseState) => (state._tag === "Registered" ? state.accountId : undefined)
const keyOf = (state: LicenseState) => (state._tag === "Unknown" ? undefined : state.key)
const tags = (events: ReadonlyArray<LicenseEvent>) => events.map((e) => e._tag)

describe("licence decider over random command sequences", () => {
  it("reaches the interesting states often enough for the properties to mean something", () => {
    const seen = new Map<string, number>()
    const count = (name: string) => seen.set(name, (seen.get(name) ?? 0) + 1)
    fc.assert(
      fc.property(script, (steps) => {
        for (const { events, refusal, after } of run(steps)) {
          for (const event of events) count(event._tag)
          if (refusal) count(refusal._tag)
          if (after._tag === "Registered") count(`standing:${after.standing._tag}`)
        }
      }),
      { numRuns: 300 },
    )
    for (const name of [
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
    ]) {
      expect(seen.get(name) ?? 0, name).toBeGreaterThanOrEqual(10)
    }
  })

  it("sets the owner at most once and never changes it", () => {
    forEverySequence((trace) => {
      const registrations = trace.flatMap((e) => e.events).filter((e) => e._tag === "LicenseRegistered")
      expect(registrations.length).toBeLessThanOrEqual(1)
      let owner: string | undefined
      for (const { after } of trace) {
        if (owner !== undefined) expect(ownerOf(after)).toBe(owner)
        owner = ownerOf(after)
      }
      if (registrations[0]) expect(owner).toBe(registrations[0].accountId)
    })
  })

  it("suspends and reinstates only a registered licence, and its standing moves only by those events", () => {
    forEverySequence((trace) => {
      for (const { before, after, events, command } of trace) {
        const standingEvents = tags(events).filter(
          (t) => t === "LicenseSuspended" || t === "LicenseReinstated",
        )
        if (standingEvents.length > 0) expect(before._tag).toBe("Registered")
        if ((command._tag === "Suspend" || command._tag === "Reinstate") && before._tag !== "Registered")
          expect(events).toEqual([])
        if (before._tag === "Registered" && after._tag === "Registered") {
          const was = before.standing._tag
          const is = after.standing._tag
          if (was !== is)
            expect(standingEvents).toEqual([is === "Suspended" ? "LicenseSuspended" : "LicenseReinstated"])
          else expect(standingEvents).toEqual([])
        }
      }
    })
  })

  it("changes the expiry only through renewal, and the other terms never", () => {
    forEverySequence((trace) => {
      for (const { before, after, events } of trace) {
        const was = keyOf(before)
        const is = keyOf(after)
        if (!was || !is) continue
        const { expiresOn: wasExpiry, ...wasRest } = was
        const { expiresOn: isExpiry, ...isRest } = is
        expect(isRest).toEqual(wasRest)
        const renewals = events.filter((e) => e._tag === "LicenseRenewed")
        if (wasExpiry === isExpiry) expect(renewals).toEqual([])
        else
          expect(renewals).toEqual([
            expect.objectContaining({ previousExpiresOn: wasExpiry, expiresOn: isExpiry }),
          ])
      }
    })
  })

  it("answers a command decided again right after itself with [] or a refusal", () => {
    forEverySequence((trace) => {
      for (const { repeated } of trace) {
        if (Either.isRight(repeated)) expect(repeated.right).toEqual([])
      }
    })
  })
})
