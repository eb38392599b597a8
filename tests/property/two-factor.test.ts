import { describe, expect } from "vitest"
import { type Instant, isBefore, millisBetween } from "../../domain/kernel/instant.js"
import { deviceInUse, isTwoFactorOn, twoFactorRules } from "../../domain/two-factor/two-factor.js"
import { describeCommandScripts } from "../support/command-scripts.js"
import { twoFactorScripts } from "../support/two-factor-scripts.js"

// The two-factor decider over random command scripts (tests/support/two-factor-scripts.ts): the
// scripts must reach enabling, device changes, locks, each way of passing a challenge, a voided
// e-mail code and an abandoned set-up, and every invariant holds over every trace.

describe("two-factor decider over random command sequences", () => {
  describeCommandScripts(twoFactorScripts, {
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
