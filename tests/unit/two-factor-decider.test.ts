import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import { type Instant, instantFromMillis } from "../../domain/kernel/instant.js"
import {
  deviceInUse,
  enrollmentsInUse,
  isReminderDismissed,
  isSetUpInProgress,
  isTwoFactorOn,
  recoveryCodesLeft,
  sameDigest,
  type TwoFactorCommand,
  twoFactorDecider,
  twoFactorRules,
} from "../../domain/two-factor/two-factor.js"
import {
  type CodePurpose,
  TwoFactorChallengeIssued,
  TwoFactorChallengeLocked,
  TwoFactorChallengePassed,
  TwoFactorCodeRejected,
  TwoFactorDeviceChanged,
  TwoFactorDisabled,
  TwoFactorEmergencyCodeIssued,
  TwoFactorEnabled,
  TwoFactorEnrollmentStarted,
  type TwoFactorEvent,
  TwoFactorRecoveryCodesIssued,
  TwoFactorReminderDismissed,
  TwoFactorSetupAbandoned,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
  TwoFactorVerificationVoided,
} from "../../domain/two-factor/two-factor-events.js"
import { deciderSpec } from "../support/decider-spec.js"

const spec = deciderSpec(twoFactorDecider)
const base = Date.UTC(2026, 0, 10, 9, 0, 0)
/** The instant `minutes` after the start of every scenario. */
const t = (minutes: number): Instant => instantFromMillis(base + minutes * 60_000)
const customer = { kind: "customer" as const, id: "acc-1" }

// == the events the scenarios are given

const sent = (codeDigest: string, at: Instant) =>
  TwoFactorVerificationSent.make({ codeDigest, expiresAt: t((Date.parse(at) - base) / 60_000 + 10), at })
const rejected = (purpose: CodePurpose, attempts: number, at: Instant, challengeKey?: string) =>
  TwoFactorCodeRejected.make({
    purpose,
    attempts,
    at,
    ...(challengeKey === undefined ? {} : { challengeKey }),
  })
const rejections = (purpose: CodePurpose, count: number, at: Instant, challengeKey?: string) =>
  Array.from({ length: count }, (_, i) => rejected(purpose, i + 1, at, challengeKey))
const issued = (challengeKey: string, at: Instant, expiresAt = t((Date.parse(at) - base) / 60_000 + 10)) =>
  TwoFactorChallengeIssued.make({ challengeKey, expiresAt, at })

/** Verified e-mail code `digest` at `at`, then enrollment `enrollmentId` with secret `sealedSecret`. */
const setUp = (at: Instant, enrollmentId = "e1", sealedSecret = "sealed:1", digest = "v1") => [
  sent(digest, at),
  TwoFactorVerificationConfirmed.make({ at }),
  TwoFactorEnrollmentStarted.make({ enrollmentId, sealedSecret, at }),
]
const enabledE1 = TwoFactorEnabled.make({
  enrollmentId: "e1",
  step: 100,
  recoveryCodeDigests: ["r1", "r2"],
  at: t(0),
})
/** Enabled with device e1 (first step 100) and recovery codes r1, r2. */
const enabled: ReadonlyArray<TwoFactorEvent> = [...setUp(t(0)), enabledE1]
/** Enabled, with challenge `key` issued at `at`. */
const challenged = (at: Instant, key = "c1") => [...enabled, issued(key, at)]
const passedTotp = (step: number, at: Instant, challengeKey = "c1") =>
  TwoFactorChallengePassed.make({ challengeKey, method: "totp", step, at })

// == the commands

const start = (codeDigest: string, at: Instant, enrollmentId = "e1"): TwoFactorCommand => ({
  _tag: "StartEnrollment",
  codeDigest,
  enrollmentId,
  sealedSecret: "sealed:1",
  at,
})
const activate = (step: number | undefined, at: Instant, enrollmentId = "e1"): TwoFactorCommand => ({
  _tag: "Activate",
  enrollmentId,
  step,
  recoveryCodeDigests: ["r1", "r2"],
  at,
})
const answerTotp = (
  step: number | undefined,
  at: Instant,
  key = "c1",
  enrollmentId = "e1",
): TwoFactorCommand => ({
  _tag: "AnswerTotp",
  challengeKey: key,
  enrollmentId,
  step,
  at,
})
const issueChallenge = (at: Instant, challengeKey = "c1"): TwoFactorCommand => ({
  _tag: "IssueChallenge",
  challengeKey,
  at,
})
const issueEmergency = (codeDigest: string, at: Instant): TwoFactorCommand => ({
  _tag: "IssueEmergencyCode",
  challengeKey: "c1",
  codeDigest,
  at,
})
const answerEmergency = (codeDigest: string, at: Instant): TwoFactorCommand => ({
  _tag: "AnswerEmergency",
  challengeKey: "c1",
  codeDigest,
  at,
})
const answerRecovery = (codeDigest: string, at: Instant, key = "c1"): TwoFactorCommand => ({
  _tag: "AnswerRecovery",
  challengeKey: key,
  codeDigest,
  at,
})
const emergencyIssued = (codeDigest: string, at: Instant) =>
  TwoFactorEmergencyCodeIssued.make({
    challengeKey: "c1",
    codeDigest,
    expiresAt: t((Date.parse(at) - base) / 60_000 + 10),
    at,
  })

describe("two-factor decider: e-mail verification and enrollment", () => {
  it("sends a verification code valid for ten minutes", () => {
    spec
      .given([])
      .when({ _tag: "SendVerification", codeDigest: "v1", at: t(0) })
      .thenEmits([TwoFactorVerificationSent.make({ codeDigest: "v1", expiresAt: t(10), at: t(0) })])
  })

  it("refuses to start an enrollment without a verification code", () => {
    spec
      .given([])
      .when(start("v1", t(0)))
      .thenRefuses("VerificationRequired")
  })

  it("rejects and counts a wrong code, as a Right, and starts no set-up", () => {
    spec
      .given([sent("v1", t(0))])
      .when(start("v2", t(1)))
      .thenEmits([rejected("verification", 1, t(1))])
    const once = [sent("v1", t(0)), rejected("verification", 1, t(1))]
    spec
      .given(once)
      .when(start("v3", t(2)))
      .thenEmits([rejected("verification", 2, t(2))])
    spec
      .given(once)
      .when(activate(100, t(2)))
      .thenRefuses("NoEnrollmentInProgress")
  })

  it("voids the code at its fifth wrong try: the right one then needs a new e-mail, counted from zero", () => {
    const four = [sent("v1", t(0)), ...rejections("verification", 4, t(0.1))]
    spec
      .given(four)
      .when(start("nope", t(0.5)))
      .thenEmits([rejected("verification", 5, t(0.5)), TwoFactorVerificationVoided.make({ at: t(0.5) })])
    const voided = [
      ...four,
      rejected("verification", 5, t(0.5)),
      TwoFactorVerificationVoided.make({ at: t(0.5) }),
    ]
    spec
      .given(voided)
      .when(start("v1", t(1)))
      .thenRefuses("VerificationRequired")
    const resent = [...voided, sent("v2", t(2))]
    spec
      .given(resent)
      .when(start("nope", t(3)))
      .thenEmits([rejected("verification", 1, t(3))])
    spec
      .given(resent)
      .when(start("v2", t(3)))
      .thenEmits([
        TwoFactorVerificationConfirmed.make({ at: t(3) }),
        TwoFactorEnrollmentStarted.make({ enrollmentId: "e1", sealedSecret: "sealed:1", at: t(3) }),
      ])
  })

  it("treats a code recorded with five wrong tries and no voiding (streams from before it) as void", () => {
    spec
      .given([sent("v1", t(0)), ...rejections("verification", 5, t(0.1))])
      .when(start("v1", t(1)))
      .thenRefuses("VerificationRequired")
  })

  it("refuses an expired code as VerificationRequired (at exactly ten minutes)", () => {
    spec
      .given([sent("v1", t(0))])
      .when(start("v1", t(10)))
      .thenRefuses("VerificationRequired")
    spec
      .given([sent("v1", t(0))])
      .when(start("v1", t(30)))
      .thenRefuses("VerificationRequired")
    spec
      .given([sent("v1", t(0))])
      .when(start("v1", t(9.99)))
      .thenEmits([
        TwoFactorVerificationConfirmed.make({ at: t(9.99) }),
        TwoFactorEnrollmentStarted.make({ enrollmentId: "e1", sealedSecret: "sealed:1", at: t(9.99) }),
      ])
  })

  it("with the right code confirms and starts the enrollment, and the code cannot be used twice", () => {
    spec
      .given([sent("v1", t(0))])
      .when(start("v1", t(1)))
      .thenEmits([
        TwoFactorVerificationConfirmed.make({ at: t(1) }),
        TwoFactorEnrollmentStarted.make({ enrollmentId: "e1", sealedSecret: "sealed:1", at: t(1) }),
      ])
    spec
      .given(setUp(t(1)))
      .when(start("v1", t(2), "e2"))
      .thenRefuses("VerificationRequired")
    // Started, not enabled.
    spec
      .given(setUp(t(1)))
      .when(issueChallenge(t(2)))
      .thenRefuses("TwoFactorNotEnabled")
  })
})

describe("two-factor decider: activation and device change", () => {
  const pending = setUp(t(0))

  it("rejects a code that matched no step, and counts it; 2FA stays off", () => {
    spec
      .given(pending)
      .when(activate(undefined, t(1)))
      .thenEmits([rejected("activation", 1, t(1))])
    const once = [...pending, rejected("activation", 1, t(1))]
    spec
      .given(once)
      .when(activate(undefined, t(2)))
      .thenEmits([rejected("activation", 2, t(2))])
    spec
      .given(once)
      .when(issueChallenge(t(2)))
      .thenRefuses("TwoFactorNotEnabled")
  })

  it("abandons the set-up at its fifth wrong code", () => {
    const four = [...pending, ...rejections("activation", 4, t(1))]
    spec
      .given(four)
      .when(activate(undefined, t(1)))
      .thenEmits([
        rejected("activation", 5, t(1)),
        TwoFactorSetupAbandoned.make({ enrollmentId: "e1", at: t(1) }),
      ])
    const abandoned = [
      ...four,
      rejected("activation", 5, t(1)),
      TwoFactorSetupAbandoned.make({ enrollmentId: "e1", at: t(1) }),
    ]
    spec
      .given(abandoned)
      .when(activate(100, t(2)))
      .thenRefuses("NoEnrollmentInProgress")
    // As stored before the abandonment was recorded: five wrong codes end the set-up all the same.
    spec
      .given([...pending, ...rejections("activation", 5, t(1))])
      .when(activate(100, t(2)))
      .thenRefuses("NoEnrollmentInProgress")
  })

  it("refuses another enrollment id, or none at all", () => {
    spec
      .given(pending)
      .when(activate(100, t(1), "e9"))
      .thenRefuses("NoEnrollmentInProgress")
    spec
      .given([])
      .when(activate(100, t(1)))
      .thenRefuses("NoEnrollmentInProgress")
  })

  it("enables with a matched step, carrying the recovery code digests", () => {
    spec
      .given(pending)
      .when(activate(100, t(1)))
      .thenEmits([
        TwoFactorEnabled.make({ enrollmentId: "e1", step: 100, recoveryCodeDigests: ["r1", "r2"], at: t(1) }),
      ])
    // On from then: the step that enabled it is used up, the recovery codes work.
    spec
      .given(challenged(t(1)))
      .when(answerTotp(100, t(2)))
      .thenEmits([rejected("totp", 1, t(2), "c1")])
    spec
      .given(challenged(t(1)))
      .when(answerTotp(101, t(2)))
      .thenEmits([passedTotp(101, t(2))])
    spec
      .given(challenged(t(1)))
      .when(answerRecovery("r2", t(2)))
      .thenEmits([
        TwoFactorChallengePassed.make({
          challengeKey: "c1",
          method: "recovery",
          recoveryCodeDigest: "r2",
          at: t(2),
        }),
      ])
  })

  it("changes the device only on the new device's activation, keeping the old one until then", () => {
    const second = [...enabled, ...setUp(t(5), "e2", "sealed:2", "v2")]
    // The old device still answers challenges.
    spec
      .given([...second, issued("c1", t(5))])
      .when(answerTotp(101, t(5)))
      .thenEmits([passedTotp(101, t(5))])
    // A code that matched nothing on the new secret is refused; the new secret starts its own count,
    // so a step the old device already used is fine as the new device's first.
    spec
      .given(second)
      .when(activate(undefined, t(6), "e2"))
      .thenEmits([rejected("activation", 1, t(6))])
    const change = TwoFactorDeviceChanged.make({
      enrollmentId: "e2",
      previousEnrollmentId: "e1",
      step: 100,
      at: t(6),
    })
    spec
      .given(second)
      .when(activate(100, t(6), "e2"))
      .thenEmits([change])
    // From then on only the new device, from its next step; the recovery codes are the same.
    const changed = [...second, change, issued("c1", t(7))]
    spec
      .given(changed)
      .when(answerTotp(101, t(7), "c1", "e1"))
      .thenEmits([rejected("totp", 1, t(7), "c1")])
    spec
      .given(changed)
      .when(answerTotp(100, t(7), "c1", "e2"))
      .thenEmits([rejected("totp", 1, t(7), "c1")])
    spec
      .given(changed)
      .when(answerTotp(101, t(7), "c1", "e2"))
      .thenEmits([passedTotp(101, t(7))])
    spec
      .given(changed)
      .when(answerRecovery("r1", t(7)))
      .thenEmits([
        TwoFactorChallengePassed.make({
          challengeKey: "c1",
          method: "recovery",
          recoveryCodeDigest: "r1",
          at: t(7),
        }),
      ])
  })
})

describe("two-factor decider: login challenges with TOTP", () => {
  it("refuses a code checked against a device that was replaced meanwhile", () => {
    spec
      .given(challenged(t(1)))
      .when(answerTotp(101, t(1), "c1", "e-old"))
      .thenEmits([rejected("totp", 1, t(1), "c1")])
    spec
      .given(challenged(t(1)))
      .when(answerTotp(101, t(1), "c1", "e1"))
      .thenEmits([passedTotp(101, t(1))])
  })

  it("issues a challenge only when enabled, open for ten minutes", () => {
    spec
      .given([])
      .when(issueChallenge(t(0)))
      .thenRefuses("TwoFactorNotEnabled")
    spec
      .given(setUp(t(0)))
      .when(issueChallenge(t(0)))
      .thenRefuses("TwoFactorNotEnabled")
    spec
      .given(enabled)
      .when(issueChallenge(t(1)))
      .thenEmits([TwoFactorChallengeIssued.make({ challengeKey: "c1", expiresAt: t(11), at: t(1) })])
  })

  it("rejects a step already used (at or before the last one) and a code that matched nothing", () => {
    for (const step of [undefined, 99, 100]) {
      spec
        .given(challenged(t(1)))
        .when(answerTotp(step, t(2)))
        .thenEmits([rejected("totp", 1, t(2), "c1")])
    }
  })

  it("passes with a new step, which is then used up; a passed challenge cannot be answered again", () => {
    spec
      .given(challenged(t(1)))
      .when(answerTotp(101, t(2)))
      .thenEmits([passedTotp(101, t(2))])
    const passed = [...challenged(t(1)), passedTotp(101, t(2))]
    spec
      .given(passed)
      .when(answerTotp(102, t(2)))
      .thenRefuses("ChallengeUnknown")
    const next = [...passed, issued("c2", t(3))]
    spec
      .given(next)
      .when(answerTotp(101, t(3), "c2"))
      .thenEmits([rejected("totp", 1, t(3), "c2")])
    spec
      .given(next)
      .when(answerTotp(102, t(3), "c2"))
      .thenEmits([passedTotp(102, t(3), "c2")])
  })

  it("locks after five wrong codes for fifteen minutes; by then the challenge has expired", () => {
    for (let i = 1; i < twoFactorRules.challengeAttempts; i++) {
      spec
        .given([...challenged(t(0)), ...rejections("totp", i - 1, t(1), "c1")])
        .when(answerTotp(undefined, t(1)))
        .thenEmits([rejected("totp", i, t(1), "c1")])
    }
    const four = [...challenged(t(0)), ...rejections("totp", 4, t(1), "c1")]
    const lock = TwoFactorChallengeLocked.make({ challengeKey: "c1", until: t(17), at: t(2) })
    spec
      .given(four)
      .when(answerTotp(undefined, t(2)))
      .thenEmits([rejected("totp", 5, t(2), "c1"), lock])
    const locked = [...four, rejected("totp", 5, t(2), "c1"), lock]
    // Even the right code is refused while locked, and so is a new login.
    for (const command of [
      answerTotp(101, t(3)),
      answerTotp(101, t(9.9)),
      answerRecovery("r1", t(3)),
      issueEmergency("em", t(3)),
      issueChallenge(t(5), "c2"),
      issueChallenge(t(16.9), "c2"),
    ]) {
      spec
        .given(locked)
        .when(command)
        .thenRefuses("ChallengeLocked", { until: t(17) })
    }
    expect(twoFactorRules.challengeTtl).toBeLessThan(twoFactorRules.lockout)
    for (const at of [t(10), t(17), t(30)]) {
      spec.given(locked).when(answerTotp(101, at)).thenRefuses("ChallengeUnknown")
    }
    spec
      .given(locked)
      .when(issueChallenge(t(17), "c2"))
      .thenEmits([issued("c2", t(17))])
  })

  it("refuses an expired or unknown challenge as ChallengeUnknown", () => {
    spec
      .given(challenged(t(0)))
      .when(answerTotp(101, t(10)))
      .thenRefuses("ChallengeUnknown")
    spec
      .given(challenged(t(0)))
      .when(answerTotp(101, t(1), "c9"))
      .thenRefuses("ChallengeUnknown")
    spec
      .given(challenged(t(0)))
      .when(answerTotp(101, t(9.99)))
      .thenEmits([passedTotp(101, t(9.99))])
  })
})

describe("two-factor decider: emergency codes", () => {
  const passedEmergency = (at: Instant) =>
    TwoFactorChallengePassed.make({ challengeKey: "c1", method: "emergency", at })

  it("refuses an answer before a code was issued", () => {
    spec
      .given(challenged(t(0)))
      .when(answerEmergency("em1", t(1)))
      .thenRefuses("EmergencyCodeNotIssued")
  })

  it("issues a code for an open challenge only", () => {
    spec
      .given(enabled)
      .when(issueEmergency("em1", t(0)))
      .thenRefuses("ChallengeUnknown")
    spec
      .given(challenged(t(0)))
      .when(issueEmergency("em1", t(1)))
      .thenEmits([emergencyIssued("em1", t(1))])
  })

  it("rejects a wrong code, passes the right one once", () => {
    const withCode = [...challenged(t(0)), emergencyIssued("em1", t(1))]
    spec
      .given(withCode)
      .when(answerEmergency("em2", t(2)))
      .thenEmits([rejected("emergency", 1, t(2), "c1")])
    const wrongOnce = [...withCode, rejected("emergency", 1, t(2), "c1")]
    spec
      .given(wrongOnce)
      .when(answerEmergency("em1", t(3)))
      .thenEmits([passedEmergency(t(3))])
    spec
      .given([...wrongOnce, passedEmergency(t(3))])
      .when(answerEmergency("em1", t(3)))
      .thenRefuses("ChallengeUnknown")
  })

  it("a new code replaces the previous one", () => {
    const twoCodes = [...challenged(t(0)), emergencyIssued("em1", t(1)), emergencyIssued("em2", t(2))]
    spec
      .given(twoCodes)
      .when(answerEmergency("em1", t(3)))
      .thenEmits([rejected("emergency", 1, t(3), "c1")])
    spec
      .given(twoCodes)
      .when(answerEmergency("em2", t(3)))
      .thenEmits([passedEmergency(t(3))])
  })

  it("is refused ten minutes after it was issued", () => {
    // Issued with the challenge: both end together.
    const withCode = [...challenged(t(0)), emergencyIssued("em1", t(0))]
    spec
      .given(withCode)
      .when(answerEmergency("em1", t(9.99)))
      .thenEmits([passedEmergency(t(9.99))])
    spec
      .given(withCode)
      .when(answerEmergency("em1", t(10)))
      .thenRefuses("ChallengeUnknown")
    // Should a challenge outlive its emergency code (one recorded under a longer rule), the expired
    // code is a wrong code.
    const longChallenge = [...enabled, issued("c1", t(0), t(60)), emergencyIssued("em1", t(0))]
    spec
      .given(longChallenge)
      .when(answerEmergency("em1", t(9.99)))
      .thenEmits([passedEmergency(t(9.99))])
    spec
      .given(longChallenge)
      .when(answerEmergency("em1", t(10)))
      .thenEmits([rejected("emergency", 1, t(10), "c1")])
  })
})

describe("two-factor decider: recovery codes", () => {
  const passedRecovery = (digest: string, at: Instant, challengeKey = "c1") =>
    TwoFactorChallengePassed.make({ challengeKey, method: "recovery", recoveryCodeDigest: digest, at })

  it("passes once per code; the same code is rejected on the next challenge", () => {
    spec
      .given(challenged(t(0)))
      .when(answerRecovery("r1", t(1)))
      .thenEmits([passedRecovery("r1", t(1))])
    const next = [...challenged(t(0)), passedRecovery("r1", t(1)), issued("c2", t(2))]
    spec
      .given(next)
      .when(answerRecovery("r1", t(3), "c2"))
      .thenEmits([rejected("recovery", 1, t(3), "c2")])
    spec
      .given(next)
      .when(answerRecovery("r2", t(3), "c2"))
      .thenEmits([passedRecovery("r2", t(3), "c2")])
  })

  it("new codes replace the old ones, and only while 2FA is on", () => {
    const renewed = [
      ...challenged(t(0)),
      TwoFactorRecoveryCodesIssued.make({ recoveryCodeDigests: ["r3"], at: t(1) }),
    ]
    spec
      .given(renewed)
      .when(answerRecovery("r1", t(2)))
      .thenEmits([rejected("recovery", 1, t(2), "c1")])
    spec
      .given(renewed)
      .when(answerRecovery("r3", t(2)))
      .thenEmits([passedRecovery("r3", t(2))])
    spec
      .given([])
      .when({ _tag: "IssueRecoveryCodes", recoveryCodeDigests: ["r3"], at: t(1) })
      .thenRefuses("TwoFactorNotEnabled")
  })
})

describe("two-factor decider: disabling and the reminder", () => {
  const dismissed = TwoFactorReminderDismissed.make({ at: t(0) })

  it("disables back to nothing but the reminder's dismissal", () => {
    const busy = [
      dismissed,
      ...enabled,
      issued("c1", t(1)),
      ...setUp(t(1), "e2", "sealed:2", "v2"),
      sent("v3", t(1)),
    ]
    const off = TwoFactorDisabled.make({ by: customer, reason: "lost phone", at: t(2) })
    spec
      .given(busy)
      .when({ _tag: "Disable", by: customer, reason: "lost phone", at: t(2) })
      .thenEmits([off])
    const disabled = [...busy, off]
    spec
      .given(disabled)
      .when({ _tag: "Disable", by: customer, at: t(3) })
      .thenRefuses("TwoFactorNotEnabled")
    // Nothing is left: no e-mailed code, no set-up, no device, no challenge; the dismissal stays.
    spec
      .given(disabled)
      .when(start("v3", t(3)))
      .thenRefuses("VerificationRequired")
    spec
      .given(disabled)
      .when(activate(100, t(3), "e2"))
      .thenRefuses("NoEnrollmentInProgress")
    spec
      .given(disabled)
      .when(issueChallenge(t(3)))
      .thenRefuses("TwoFactorNotEnabled")
    spec
      .given(disabled)
      .when(answerTotp(101, t(3)))
      .thenRefuses("ChallengeUnknown")
    spec
      .given(disabled)
      .when({ _tag: "DismissReminder", at: t(3) })
      .thenNothing()

    const plain = twoFactorDecider.decide(
      { _tag: "Disable", by: customer, at: t(2) },
      fold(twoFactorDecider)(enabled),
    )
    expect(Either.getOrThrow(plain)).toEqual([TwoFactorDisabled.make({ by: customer, at: t(2) })])
    expect(Either.getOrThrow(plain)[0]).not.toHaveProperty("reason")
    const plainOff = [...enabled, TwoFactorDisabled.make({ by: customer, at: t(2) })]
    spec
      .given(plainOff)
      .when({ _tag: "DismissReminder", at: t(3) })
      .thenEmits([TwoFactorReminderDismissed.make({ at: t(3) })])
  })

  it("can abandon a set-up in progress", () => {
    const off = TwoFactorDisabled.make({ by: customer, at: t(1) })
    spec
      .given(setUp(t(0)))
      .when({ _tag: "Disable", by: customer, at: t(1) })
      .thenEmits([off])
    spec
      .given([...setUp(t(0)), off])
      .when(activate(100, t(2)))
      .thenRefuses("NoEnrollmentInProgress")
    spec
      .given([...setUp(t(0)), off])
      .when({ _tag: "Disable", by: customer, at: t(2) })
      .thenRefuses("TwoFactorNotEnabled")
  })

  it("dismisses the reminder once, and not at all when enabled", () => {
    spec
      .given([])
      .when({ _tag: "DismissReminder", at: t(0) })
      .thenEmits([dismissed])
    spec
      .given([dismissed])
      .when({ _tag: "DismissReminder", at: t(1) })
      .thenNothing()
    spec
      .given(enabled)
      .when({ _tag: "DismissReminder", at: t(1) })
      .thenNothing()
  })
})

describe("two-factor state: what the application reads from it", () => {
  const state = fold(twoFactorDecider)

  it("the device in use, with the secret of its enrollment, or erased once its event was", () => {
    expect(deviceInUse(state(enabled))).toEqual({
      enrollmentId: "e1",
      secret: { _tag: "Sealed", sealed: "sealed:1" },
      lastStep: 100,
    })
    // Folding skips an erased event: the enrollment that carried the secret is not seen.
    const erased = enabled.filter((e) => e._tag !== "TwoFactorEnrollmentStarted")
    expect(deviceInUse(state(erased))?.secret).toEqual({ _tag: "Erased" })
    const changed = [
      ...enabled,
      ...setUp(t(5), "e2", "sealed:2", "v2"),
      TwoFactorDeviceChanged.make({ enrollmentId: "e2", previousEnrollmentId: "e1", step: 100, at: t(6) }),
      passedTotp(101, t(7)),
    ]
    expect(deviceInUse(state(changed))).toEqual({
      enrollmentId: "e2",
      secret: { _tag: "Sealed", sealed: "sealed:2" },
      lastStep: 101,
    })
    expect(deviceInUse(state(setUp(t(0))))).toBeUndefined()
  })

  it("on or off, a set-up in progress, the enrollments still in use, recovery codes left, the reminder", () => {
    const changing = [...enabled, ...setUp(t(5), "e2", "sealed:2", "v2")]
    expect([
      isTwoFactorOn(state([])),
      isTwoFactorOn(state(setUp(t(0)))),
      isTwoFactorOn(state(enabled)),
    ]).toEqual([false, false, true])
    expect([isSetUpInProgress(state(setUp(t(0)))), isSetUpInProgress(state(enabled))]).toEqual([true, false])
    expect(isSetUpInProgress(state(changing))).toBe(true)
    expect([...enrollmentsInUse(state(changing))]).toEqual(["e1", "e2"])
    expect([...enrollmentsInUse(state([]))]).toEqual([])
    const usedOne = [
      ...challenged(t(0)),
      TwoFactorChallengePassed.make({
        challengeKey: "c1",
        method: "recovery",
        recoveryCodeDigest: "r1",
        at: t(1),
      }),
    ]
    expect([
      recoveryCodesLeft(state(enabled)),
      recoveryCodesLeft(state(usedOne)),
      recoveryCodesLeft(state([])),
    ]).toEqual([2, 1, 0])
    expect(isReminderDismissed(state([]))).toBe(false)
    expect(isReminderDismissed(state([TwoFactorReminderDismissed.make({ at: t(0) })]))).toBe(true)
  })
})

describe("sameDigest", () => {
  it("is true for equal strings only", () => {
    expect(sameDigest("abc", "abc")).toBe(true)
    expect(sameDigest("", "")).toBe(true)
    expect(sameDigest("abc", "abd")).toBe(false)
    expect(sameDigest("abc", "xbc")).toBe(false)
  })

  it("is false for different lengths, even when one is a prefix or padded with NULs", () => {
    expect(sameDigest("abc", "abcd")).toBe(false)
    expect(sameDigest("abcd", "abc")).toBe(false)
    expect(sameDigest("abc", "")).toBe(false)
    expect(sameDigest("", "abc")).toBe(false)
    expect(sameDigest("a\u0000", "a")).toBe(false)
    expect(sameDigest("a", "a\u0000")).toBe(false)
  })
})
