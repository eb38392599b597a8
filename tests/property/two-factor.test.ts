import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { makeOtpauthTotp } from "../../adapters/crypto/otpauth-totp.js"
import { type Instant, instantFromMillis, isBefore, millisBetween } from "../../domain/kernel/instant.js"
import { base32 } from "../../domain/two-factor/base32.js"
import {
  deviceInUse,
  isTwoFactorOn,
  type TwoFactorCommand,
  type TwoFactorError,
  type TwoFactorState,
  twoFactorDecider,
  twoFactorRules,
} from "../../domain/two-factor/two-factor.js"
import type { TwoFactorEvent } from "../../domain/two-factor/two-factor-events.js"
import { type CommandScripts, describeCommandScripts } from "../support/command-scripts.js"

// Random command sequences over a few digests, enrollment ids, challenge keys and steps, at times
// moving forward by 0 to 20 minutes, through the harness in tests/support/command-scripts.ts.
//
// Left to chance, a sequence seldom types the right e-mail code and then the right enrollment id, so
// the pools also hold "the right one": `right` for a digest, an enrollment id or a challenge key,
// `nextStep` for a step (and `lastStep`: the code used last time, typed again). Just before a
// command is decided they become what the user would have to type then (the waiting e-mail code,
// the pending enrollment, the issued emergency code, an unused recovery code, the step after the
// last one used, the latest challenge issued); the decider still decides everything.

const minute = 60_000
const start = Date.UTC(2026, 0, 10, 9, 0, 0)

const right = "@right"
const nextStep = -1
const lastStep = -2
const digest = fc.constantFrom("d1", "d2", "d3", right)
const enrollmentId = fc.constantFrom("e1", "e2", right)
const challengeKey = fc.constantFrom("k1", "k2", "k3", right, right)
const step = fc.option(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(nextStep, lastStep)), {
  nil: undefined,
  freq: 4,
})
const recoveryCodes = fc.subarray(["r1", "r2", "r3"])
const sealedSecret = fc.nat(999).map((n) => `sealed:${n}`)
const placeholder = fc.constant(instantFromMillis(0))

const command: fc.Arbitrary<TwoFactorCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("SendVerification" as const),
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("StartEnrollment" as const),
      codeDigest: digest,
      enrollmentId,
      sealedSecret,
      at: placeholder,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("Activate" as const),
      enrollmentId,
      step,
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  {
    // A code from the app that matches nothing, for the set-up waiting: with repeats, set-ups run
    // out of tries.
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Activate" as const),
      enrollmentId: fc.constant(right),
      step: fc.constant(undefined),
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("Disable" as const),
      by: fc.constant({ kind: "customer" as const, id: "acc-1" }),
      at: placeholder,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("IssueRecoveryCodes" as const),
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("DismissReminder" as const), at: placeholder }) },
  {
    weight: 8,
    arbitrary: fc.record({ _tag: fc.constant("IssueChallenge" as const), challengeKey, at: placeholder }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerTotp" as const),
      challengeKey,
      enrollmentId,
      step,
      at: placeholder,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      _tag: fc.constant("IssueEmergencyCode" as const),
      challengeKey,
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerEmergency" as const),
      challengeKey,
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerRecovery" as const),
      challengeKey,
      codeDigest: fc.constantFrom("r1", "r2", "r3", "d1", right),
      at: placeholder,
    }),
  },
)

/** Mostly short pauses, sometimes long ones; never backwards, never more than 20 minutes. */
const gap = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: minute / 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 * minute }) },
)

/** Now and then the same command several times in a row, so wrong codes reach their limits. */
const times = fc.oneof(
  { weight: 4, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) },
)

/** Half of the sequences start by enabling 2FA the straight way, so the rest has more to work on. */
const unset = instantFromMillis(0)
const enableFirst: ReadonlyArray<Step> = [
  { gap: 0, command: { _tag: "SendVerification", codeDigest: "d1", at: unset } },
  {
    gap: 0,
    command: {
      _tag: "StartEnrollment",
      codeDigest: "d1",
      enrollmentId: "e1",
      sealedSecret: "sealed:0",
      at: unset,
    },
  },
  {
    gap: 0,
    command: { _tag: "Activate", enrollmentId: "e1", step: 0, recoveryCodeDigests: ["r1", "r2"], at: unset },
  },
]

const script = fc
  .tuple(fc.boolean(), fc.array(fc.record({ gap, command, times }), { maxLength: 100, size: "max" }))
  .map(([enabled, steps]) => [
    ...(enabled ? enableFirst : []),
    ...steps.flatMap(({ gap, command, times }) =>
      Array.from({ length: times }, (_, i) => ({ gap: i === 0 ? gap : 0, command })),
    ),
  ])

type Step = { readonly gap: number; readonly command: TwoFactorCommand }

/**
 * "pool": challenge keys are used as generated, so a key may be issued again.
 * "fresh": every IssueChallenge gets a key never issued before (as the application's random ids do),
 * and the other challenge commands refer to the latest key issued from the same pool name.
 */
type KeyMode = "pool" | "fresh"

/** Turns `right` and `nextStep` into what the user would have to type in this state. */
const resolve = (command: TwoFactorCommand, state: TwoFactorState): TwoFactorCommand => {
  const device = deviceInUse(state)
  const next = (s: number | undefined) =>
    s === nextStep ? (device?.lastStep ?? -1) + 1 : s === lastStep ? (device?.lastStep ?? 0) : s
  const setUp = state.factor.setUp
  const challenges = state.factor._tag === "On" ? state.factor.challenges : []
  switch (command._tag) {
    case "StartEnrollment":
      return command.codeDigest === right
        ? {
            ...command,
            codeDigest: state.emailCode._tag === "EmailCodeSent" ? state.emailCode.digest : "d1",
          }
        : command
    case "Activate":
      return {
        ...command,
        enrollmentId:
          command.enrollmentId === right
            ? setUp._tag === "SecretPending"
              ? setUp.enrollmentId
              : "e1"
            : command.enrollmentId,
        step: next(command.step),
      }
    case "AnswerTotp":
      return {
        ...command,
        enrollmentId: command.enrollmentId === right ? (device?.enrollmentId ?? "e1") : command.enrollmentId,
        step: next(command.step),
      }
    case "IssueEmergencyCode":
      return command.codeDigest === right ? { ...command, codeDigest: "d1" } : command
    case "AnswerEmergency": {
      const issued = challenges.find((c) => c.key === command.challengeKey)?.emergency
      const digest = issued?._tag === "EmergencyCodeIssued" ? issued.digest : "d1"
      return command.codeDigest === right ? { ...command, codeDigest: digest } : command
    }
    case "AnswerRecovery": {
      const unused = state.factor._tag === "On" ? state.factor.unusedRecoveryCodes[0] : undefined
      return command.codeDigest === right ? { ...command, codeDigest: unused ?? "r1" } : command
    }
    case "SendVerification":
      return command.codeDigest === right ? { ...command, codeDigest: "d1" } : command
    default:
      return command
  }
}

/** Each run keeps its own clock and the challenge keys issued so far. */
const resolver = (mode: KeyMode) => {
  let now = start
  const issued = new Map<string, number>()
  let latestKey = "k1"
  return ({ gap, command: generated }: Step, state: TwoFactorState): TwoFactorCommand => {
    now += gap
    let command: TwoFactorCommand = { ...generated, at: instantFromMillis(now) }
    if ("challengeKey" in command) {
      let key = command.challengeKey
      if (command._tag === "IssueChallenge") {
        const name = key === right ? "k1" : key
        const count = (issued.get(name) ?? 0) + 1
        issued.set(name, count)
        key = mode === "fresh" ? `${name}#${count}` : name
        latestKey = key
      } else if (key === right) {
        key = latestKey
      } else if (mode === "fresh") {
        key = `${key}#${issued.get(key) ?? 0}`
      }
      command = { ...command, challengeKey: key }
    }
    return resolve(command, state)
  }
}

const scripts: CommandScripts<
  TwoFactorCommand,
  TwoFactorState,
  TwoFactorEvent,
  TwoFactorError,
  Step,
  KeyMode
> = {
  decider: twoFactorDecider,
  scripts: script,
  resolver,
  variants: ["pool", "fresh"],
}

describe("two-factor decider over random command sequences", () => {
  describeCommandScripts(scripts, {
    coverage: {
      variant: "fresh",
      labels: ({ events }) =>
        events.map((event) =>
          event._tag === "TwoFactorChallengePassed" ? `${event._tag}:${event.method}` : event._tag,
        ),
      required: [
        "TwoFactorEnabled",
        "TwoFactorDeviceChanged",
        "TwoFactorChallengeLocked",
        "TwoFactorChallengePassed:totp",
        "TwoFactorChallengePassed:emergency",
        "TwoFactorChallengePassed:recovery",
        "TwoFactorVerificationVoided",
        "TwoFactorSetupAbandoned",
      ],
    },
    invariants: {
      "accepts a TOTP step at most once: the steps of a device's life only ever increase": (trace) => {
        // Steps seen on the current device: the step that enabled it (or its first step after a change
        // of device), and every step that passed a challenge.
        let lastSeen = Number.NEGATIVE_INFINITY
        const perEnrollment = new Map<string, Set<number>>()
        for (const { command, before, events } of trace) {
          for (const event of events) {
            switch (event._tag) {
              case "TwoFactorDisabled":
                lastSeen = Number.NEGATIVE_INFINITY
                perEnrollment.clear()
                break
              case "TwoFactorEnabled":
                expect(event.step).toBeGreaterThan(lastSeen)
                lastSeen = event.step
                perEnrollment.set(event.enrollmentId, new Set([event.step]))
                break
              case "TwoFactorDeviceChanged":
                // A new secret starts its own count: its codes were never seen.
                lastSeen = event.step
                perEnrollment.set(event.enrollmentId, new Set([event.step]))
                break
              case "TwoFactorChallengePassed": {
                if (event.method !== "totp") break
                expect(command).toMatchObject({ _tag: "AnswerTotp", step: event.step })
                expect(event.step).toBeDefined()
                const used = event.step ?? Number.NaN
                expect(used).toBeGreaterThan(lastSeen)
                lastSeen = used
                const active = deviceInUse(before)?.enrollmentId ?? "none"
                const steps = perEnrollment.get(active) ?? new Set<number>()
                expect(steps.has(used)).toBe(false)
                perEnrollment.set(active, steps.add(used))
                break
              }
              default:
                break
            }
          }
        }
      },

      "is enabled only by TwoFactorEnabled, after a verified e-mail code and an accepted code for the pending secret":
        (trace) => {
          let sent: { digest: string; expiresAt: Instant; rejections: number; consumed: boolean } | undefined
          let started: { enrollmentId: string; rejections: number } | undefined
          for (const { command, before, after, events } of trace) {
            const tags = events.map((e) => e._tag)
            if (!isTwoFactorOn(before) && isTwoFactorOn(after)) expect(tags).toContain("TwoFactorEnabled")
            if (isTwoFactorOn(before) && !isTwoFactorOn(after)) expect(tags).toContain("TwoFactorDisabled")
            events.forEach((event, i) => {
              switch (event._tag) {
                case "TwoFactorVerificationSent":
                  sent = {
                    digest: event.codeDigest,
                    expiresAt: event.expiresAt,
                    rejections: 0,
                    consumed: false,
                  }
                  break
                case "TwoFactorCodeRejected":
                  if (event.purpose === "verification") {
                    expect(sent).toBeDefined()
                    if (sent) sent.rejections++
                  }
                  if (event.purpose === "activation") {
                    expect(started).toBeDefined()
                    if (started) started.rejections++
                  }
                  break
                case "TwoFactorVerificationConfirmed":
                  expect(command._tag).toBe("StartEnrollment")
                  expect(sent).toBeDefined()
                  if (command._tag === "StartEnrollment" && sent) {
                    expect(sent.consumed).toBe(false)
                    expect(sent.rejections).toBeLessThan(twoFactorRules.verificationAttempts)
                    expect(isBefore(command.at, sent.expiresAt)).toBe(true)
                    expect(command.codeDigest).toBe(sent.digest)
                    sent.consumed = true
                  }
                  expect(events[i + 1]?._tag).toBe("TwoFactorEnrollmentStarted")
                  break
                case "TwoFactorEnrollmentStarted":
                  expect(events[i - 1]?._tag).toBe("TwoFactorVerificationConfirmed")
                  expect(command).toMatchObject({
                    _tag: "StartEnrollment",
                    enrollmentId: event.enrollmentId,
                    sealedSecret: event.sealedSecret,
                  })
                  started = { enrollmentId: event.enrollmentId, rejections: 0 }
                  break
                case "TwoFactorEnabled":
                case "TwoFactorDeviceChanged":
                  expect(isTwoFactorOn(before)).toBe(event._tag === "TwoFactorDeviceChanged")
                  expect(started?.enrollmentId).toBe(event.enrollmentId)
                  expect(started?.rejections ?? Number.POSITIVE_INFINITY).toBeLessThan(
                    twoFactorRules.activationAttempts,
                  )
                  expect(command).toMatchObject({
                    _tag: "Activate",
                    enrollmentId: event.enrollmentId,
                    step: event.step,
                  })
                  if (event._tag === "TwoFactorDeviceChanged") {
                    expect(event.previousEnrollmentId).toBe(deviceInUse(before)?.enrollmentId)
                  }
                  started = undefined
                  break
                case "TwoFactorDisabled":
                  sent = undefined
                  started = undefined
                  break
                default:
                  break
              }
            })
          }
        },

      "passes a challenge at most once, never while locked or after ten minutes; an emergency code works once, within ten minutes":
        (trace, mode) => {
          const challenges = new Map<
            string,
            { issuedAt: Instant; passes: number; lockedUntil: Instant | undefined }
          >()
          const emergency = new Map<string, { digest: string; at: Instant }>()
          const passedKeys = new Set<string>()
          for (const { command, before, events } of trace) {
            for (const event of events) {
              switch (event._tag) {
                case "TwoFactorChallengeIssued":
                  if (mode === "fresh") expect(challenges.has(event.challengeKey)).toBe(false)
                  challenges.set(event.challengeKey, {
                    issuedAt: event.at,
                    passes: 0,
                    lockedUntil: undefined,
                  })
                  break
                case "TwoFactorChallengeLocked": {
                  const challenge = challenges.get(event.challengeKey)
                  expect(challenge).toBeDefined()
                  if (challenge) challenge.lockedUntil = event.until
                  expect(millisBetween(event.at, event.until)).toBe(twoFactorRules.lockout)
                  break
                }
                case "TwoFactorCodeRejected":
                  if (
                    event.challengeKey !== undefined &&
                    event.attempts >= twoFactorRules.challengeAttempts
                  ) {
                    expect(events.map((e) => e._tag)).toContain("TwoFactorChallengeLocked")
                  }
                  break
                case "TwoFactorEmergencyCodeIssued":
                  emergency.set(event.challengeKey, { digest: event.codeDigest, at: event.at })
                  break
                case "TwoFactorChallengePassed": {
                  expect(isTwoFactorOn(before)).toBe(true)
                  const challenge = challenges.get(event.challengeKey)
                  expect(challenge).toBeDefined()
                  if (!challenge) break
                  expect(challenge.passes).toBe(0)
                  challenge.passes++
                  if (mode === "fresh") expect(passedKeys.has(event.challengeKey)).toBe(false)
                  passedKeys.add(event.challengeKey)
                  expect(millisBetween(challenge.issuedAt, event.at)).toBeLessThan(
                    twoFactorRules.challengeTtl,
                  )
                  if (challenge.lockedUntil !== undefined)
                    expect(event.at >= challenge.lockedUntil).toBe(true)
                  if (event.method === "emergency") {
                    const code = emergency.get(event.challengeKey)
                    expect(code).toBeDefined()
                    expect(command).toMatchObject({ _tag: "AnswerEmergency", codeDigest: code?.digest })
                    if (code)
                      expect(millisBetween(code.at, event.at)).toBeLessThan(twoFactorRules.emergencyCodeTtl)
                  }
                  break
                }
                default:
                  break
              }
            }
          }
        },

      "uses a recovery code at most once until new codes are issued": (trace) => {
        let codes = new Set<string>()
        let used = new Set<string>()
        for (const { command, events } of trace) {
          for (const event of events) {
            switch (event._tag) {
              case "TwoFactorEnabled":
              case "TwoFactorRecoveryCodesIssued":
                codes = new Set(event.recoveryCodeDigests)
                used = new Set()
                break
              case "TwoFactorDisabled":
                codes = new Set()
                used = new Set()
                break
              case "TwoFactorChallengePassed":
                if (event.method !== "recovery") break
                expect(command).toMatchObject({
                  _tag: "AnswerRecovery",
                  codeDigest: event.recoveryCodeDigest,
                })
                expect(codes.has(event.recoveryCodeDigest ?? "")).toBe(true)
                expect(used.has(event.recoveryCodeDigest ?? "")).toBe(false)
                used.add(event.recoveryCodeDigest ?? "")
                break
              default:
                break
            }
          }
        }
      },

      "never puts a sealed secret anywhere but in TwoFactorEnrollmentStarted's sealedSecret": (trace) => {
        for (const { events, refusal } of trace) {
          for (const event of events) {
            const rest = event._tag === "TwoFactorEnrollmentStarted" ? { ...event, sealedSecret: "" } : event
            expect(JSON.stringify(rest)).not.toContain("sealed:")
          }
          if (refusal) expect(JSON.stringify(refusal)).not.toContain("sealed:")
        }
      },
    },
  })
})

describe("TOTP adapter window", () => {
  const totp = makeOtpauthTotp()
  const secret = fc.uint8Array({ minLength: 20, maxLength: 20 }).map(base32)
  const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })

  it("rejects a code more than one step away unless it happens to equal a code inside the window", () => {
    const offset = fc.oneof(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: -5000, max: -2 }))
    fc.assert(
      fc.property(secret, time, offset, (key, atMs, delta) => {
        const current = totp.stepAt(atMs)
        const code = totp.codeAt(key, current + delta)
        const inWindow = [current - 1, current, current + 1].filter((s) => totp.codeAt(key, s) === code)
        const found = totp.matchingStep(key, code, atMs, 1)
        if (inWindow.length === 0) expect(found).toBeUndefined()
        else expect(inWindow).toContain(found)
      }),
      { numRuns: 300 },
    )
  })

  it("accepts a code inside the window as its own step (or a nearer one with the same code)", () => {
    fc.assert(
      fc.property(secret, time, fc.integer({ min: -1, max: 1 }), (key, atMs, delta) => {
        const current = totp.stepAt(atMs)
        const code = totp.codeAt(key, current + delta)
        const found = totp.matchingStep(key, code, atMs, 1)
        expect(found).toBeDefined()
        expect(totp.codeAt(key, found ?? -1)).toBe(code)
        expect(Math.abs((found ?? Number.NaN) - current)).toBeLessThanOrEqual(Math.abs(delta))
      }),
      { numRuns: 300 },
    )
  })
})
