import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import {
  type Challenge,
  sameDigest,
  type TwoFactorCommand,
  type TwoFactorState,
  twoFactorDecider,
  twoFactorInitialState,
  twoFactorRules,
} from "../../domain/two-factor/two-factor.js"
import {
  TwoFactorChallengeIssued,
  TwoFactorChallengeLocked,
  TwoFactorChallengePassed,
  TwoFactorCodeRejected,
  TwoFactorDeviceChanged,
  TwoFactorEmergencyCodeIssued,
  TwoFactorEnabled,
  TwoFactorEnrollmentStarted,
  TwoFactorReminderDismissed,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
} from "../../domain/two-factor/two-factor-events.js"

const base = Date.UTC(2026, 0, 10, 9, 0, 0)
/** The instant `minutes` after the start of every scenario. */
const t = (minutes: number) => new Date(base + minutes * 60_000).toISOString()
const foldEvents = fold(twoFactorDecider)

/** Decides and, on Right, folds the events into the state; a refusal fails the test. */
const apply = (state: TwoFactorState, command: TwoFactorCommand) => {
  const result = twoFactorDecider.decide(command, state)
  if (Either.isLeft(result)) throw new Error(`expected events, got refusal ${JSON.stringify(result.left)}`)
  return { events: result.right, state: foldEvents(result.right, state) }
}

/** Decides, expecting a refusal; gives the error. */
const refuse = (state: TwoFactorState, command: TwoFactorCommand) => {
  const result = twoFactorDecider.decide(command, state)
  if (Either.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right)}`)
  return result.left
}

const applyAll = (state: TwoFactorState, commands: ReadonlyArray<TwoFactorCommand>) =>
  commands.reduce((s, c) => apply(s, c).state, state)

const customer = { kind: "customer" as const, id: "acc-1" }

/** Verified e-mail code "v1" at `at`, then enrollment `enrollmentId` with secret `sealedSecret`. */
const enrolled = (state: TwoFactorState, at: string, enrollmentId = "e1", sealedSecret = "sealed:1") =>
  applyAll(state, [
    { _tag: "SendVerification", codeDigest: "v1", at },
    { _tag: "StartEnrollment", codeDigest: "v1", enrollmentId, sealedSecret, at },
  ])

/** Enabled with device e1 (first step 100) and recovery codes r1, r2. */
const enabledState = () =>
  apply(enrolled(twoFactorInitialState, t(0)), {
    _tag: "Activate",
    enrollmentId: "e1",
    step: 100,
    recoveryCodeDigests: ["r1", "r2"],
    at: t(0),
  }).state

/** Enabled, with challenge `key` issued at `at`. */
const challenged = (at: string, key = "c1") =>
  apply(enabledState(), { _tag: "IssueChallenge", challengeKey: key, at }).state

describe("two-factor decider: e-mail verification and enrollment", () => {
  const sent = apply(twoFactorInitialState, { _tag: "SendVerification", codeDigest: "v1", at: t(0) })
  const start = (codeDigest: string, at: string, enrollmentId = "e1"): TwoFactorCommand => ({
    _tag: "StartEnrollment",
    codeDigest,
    enrollmentId,
    sealedSecret: "sealed:1",
    at,
  })

  it("sends a verification code valid for ten minutes", () => {
    expect(sent.events).toEqual([
      TwoFactorVerificationSent.make({ codeDigest: "v1", expiresAt: t(10), at: t(0) }),
    ])
    expect(sent.state.verification).toEqual({ digest: "v1", expiresAt: t(10), attempts: 0 })
  })

  it("refuses to start an enrollment without a verification code", () => {
    expect(refuse(twoFactorInitialState, start("v1", t(0)))._tag).toBe("VerificationRequired")
  })

  it("rejects and counts a wrong code, as a Right", () => {
    const wrong = apply(sent.state, start("v2", t(1)))
    expect(wrong.events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "verification", attempts: 1, at: t(1) }),
    ])
    expect(wrong.state.verification?.attempts).toBe(1)
    expect(wrong.state.pending).toBeUndefined()
    const again = apply(wrong.state, start("v3", t(2)))
    expect(again.events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "verification", attempts: 2, at: t(2) }),
    ])
  })

  it("voids the code after five wrong ones: the right one then needs a new e-mail", () => {
    let state = sent.state
    for (let i = 1; i <= twoFactorRules.verificationAttempts; i++) {
      const wrong = apply(state, start("nope", t(i / 10)))
      expect(wrong.events).toEqual([
        TwoFactorCodeRejected.make({ purpose: "verification", attempts: i, at: t(i / 10) }),
      ])
      state = wrong.state
    }
    expect(state.verification).toBeUndefined()
    expect(refuse(state, start("v1", t(1)))._tag).toBe("VerificationRequired")
    // A new e-mail starts again from zero.
    const resent = apply(state, { _tag: "SendVerification", codeDigest: "v2", at: t(2) }).state
    expect(resent.verification?.attempts).toBe(0)
    expect(apply(resent, start("v2", t(3))).state.pending?.enrollmentId).toBe("e1")
  })

  it("refuses an expired code as VerificationRequired (at exactly ten minutes)", () => {
    expect(refuse(sent.state, start("v1", t(10)))._tag).toBe("VerificationRequired")
    expect(refuse(sent.state, start("v1", t(30)))._tag).toBe("VerificationRequired")
    expect(apply(sent.state, start("v1", t(9.99))).events).toHaveLength(2)
  })

  it("with the right code confirms and starts the enrollment, and the code cannot be used twice", () => {
    const started = apply(sent.state, start("v1", t(1)))
    expect(started.events).toEqual([
      TwoFactorVerificationConfirmed.make({ at: t(1) }),
      TwoFactorEnrollmentStarted.make({ enrollmentId: "e1", sealedSecret: "sealed:1", at: t(1) }),
    ])
    expect(started.state.verification).toBeUndefined()
    expect(started.state.pending).toEqual({ enrollmentId: "e1", sealedSecret: "sealed:1", attempts: 0 })
    expect(started.state.enabled).toBe(false)
    expect(refuse(started.state, start("v1", t(2), "e2"))._tag).toBe("VerificationRequired")
  })
})

describe("two-factor decider: activation and device change", () => {
  const pending = enrolled(twoFactorInitialState, t(0))
  const activate = (step: number | undefined, at: string, enrollmentId = "e1"): TwoFactorCommand => ({
    _tag: "Activate",
    enrollmentId,
    step,
    recoveryCodeDigests: ["r1", "r2"],
    at,
  })

  it("rejects a code that matched no step, and counts it", () => {
    const wrong = apply(pending, activate(undefined, t(1)))
    expect(wrong.events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "activation", attempts: 1, at: t(1) }),
    ])
    expect(wrong.state.pending?.attempts).toBe(1)
    expect(wrong.state.enabled).toBe(false)
  })

  it("drops the set-up after five wrong codes", () => {
    let state = pending
    for (let i = 0; i < twoFactorRules.activationAttempts; i++)
      state = apply(state, activate(undefined, t(1))).state
    expect(state.pending).toBeUndefined()
    expect(refuse(state, activate(100, t(2)))._tag).toBe("NoEnrollmentInProgress")
  })

  it("refuses another enrollment id, or none at all", () => {
    expect(refuse(pending, activate(100, t(1), "e9"))._tag).toBe("NoEnrollmentInProgress")
    expect(refuse(twoFactorInitialState, activate(100, t(1)))._tag).toBe("NoEnrollmentInProgress")
  })

  it("enables with a matched step, carrying the recovery code digests", () => {
    const enabled = apply(pending, activate(100, t(1)))
    expect(enabled.events).toEqual([
      TwoFactorEnabled.make({ enrollmentId: "e1", step: 100, recoveryCodeDigests: ["r1", "r2"], at: t(1) }),
    ])
    expect(enabled.state.enabled).toBe(true)
    expect(enabled.state.pending).toBeUndefined()
    expect(enabled.state.active).toEqual({ enrollmentId: "e1", sealedSecret: "sealed:1", lastStep: 100 })
    expect(enabled.state.recoveryCodes).toEqual([
      { digest: "r1", used: false },
      { digest: "r2", used: false },
    ])
  })

  it("changes the device only on the new device's activation, keeping the old one until then", () => {
    const enabled = enabledState()
    const second = enrolled(enabled, t(5), "e2", "sealed:2")
    expect(second.enabled).toBe(true)
    expect(second.active).toEqual({ enrollmentId: "e1", sealedSecret: "sealed:1", lastStep: 100 })
    expect(second.pending).toEqual({ enrollmentId: "e2", sealedSecret: "sealed:2", attempts: 0 })
    // A code that matched nothing on the new secret is refused; the new secret starts its own count,
    // so a step the old device already used is fine as the new device's first.
    expect(apply(second, activate(undefined, t(6), "e2")).events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "activation", attempts: 1, at: t(6) }),
    ])
    const changed = apply(second, activate(100, t(6), "e2"))
    expect(changed.events).toEqual([
      TwoFactorDeviceChanged.make({ enrollmentId: "e2", previousEnrollmentId: "e1", step: 100, at: t(6) }),
    ])
    expect(changed.state.enabled).toBe(true)
    expect(changed.state.pending).toBeUndefined()
    expect(changed.state.active).toEqual({ enrollmentId: "e2", sealedSecret: "sealed:2", lastStep: 100 })
    expect(changed.state.recoveryCodes).toEqual(enabled.recoveryCodes)
  })
})

describe("two-factor decider: login challenges with TOTP", () => {
  const answer = (
    step: number | undefined,
    at: string,
    key = "c1",
    enrollmentId = "e1",
  ): TwoFactorCommand => ({
    _tag: "AnswerTotp",
    challengeKey: key,
    enrollmentId,
    step,
    at,
  })

  it("refuses a code checked against a device that was replaced meanwhile", () => {
    const state = apply(enabledState(), { _tag: "IssueChallenge", challengeKey: "c1", at: t(1) }).state
    expect(apply(state, answer(101, t(1), "c1", "e-old")).events[0]?._tag).toBe("TwoFactorCodeRejected")
    expect(apply(state, answer(101, t(1), "c1", "e1")).events[0]?._tag).toBe("TwoFactorChallengePassed")
  })

  it("issues a challenge only when enabled, open for ten minutes", () => {
    expect(refuse(twoFactorInitialState, { _tag: "IssueChallenge", challengeKey: "c1", at: t(0) })._tag).toBe(
      "TwoFactorNotEnabled",
    )
    expect(
      refuse(enrolled(twoFactorInitialState, t(0)), { _tag: "IssueChallenge", challengeKey: "c1", at: t(0) })
        ._tag,
    ).toBe("TwoFactorNotEnabled")
    const issued = apply(enabledState(), { _tag: "IssueChallenge", challengeKey: "c1", at: t(1) })
    expect(issued.events).toEqual([
      TwoFactorChallengeIssued.make({ challengeKey: "c1", expiresAt: t(11), at: t(1) }),
    ])
  })

  it("rejects a step already used (at or before the last one) and a code that matched nothing", () => {
    const state = challenged(t(1))
    for (const step of [undefined, 99, 100]) {
      expect(apply(state, answer(step, t(2))).events).toEqual([
        TwoFactorCodeRejected.make({ purpose: "totp", challengeKey: "c1", attempts: 1, at: t(2) }),
      ])
    }
  })

  it("passes with a new step, which is then used up; a passed challenge cannot be answered again", () => {
    const passed = apply(challenged(t(1)), answer(101, t(2)))
    expect(passed.events).toEqual([
      TwoFactorChallengePassed.make({ challengeKey: "c1", method: "totp", step: 101, at: t(2) }),
    ])
    expect(passed.state.active?.lastStep).toBe(101)
    expect(refuse(passed.state, answer(102, t(2)))._tag).toBe("ChallengeUnknown")
    const next = apply(passed.state, { _tag: "IssueChallenge", challengeKey: "c2", at: t(3) }).state
    expect(apply(next, answer(101, t(3), "c2")).events[0]?._tag).toBe("TwoFactorCodeRejected")
    expect(apply(next, answer(102, t(3), "c2")).events[0]?._tag).toBe("TwoFactorChallengePassed")
  })

  it("locks after five wrong codes for fifteen minutes; by then the challenge has expired", () => {
    let state = challenged(t(0))
    for (let i = 1; i < twoFactorRules.challengeAttempts; i++) {
      const wrong = apply(state, answer(undefined, t(1)))
      expect(wrong.events).toEqual([
        TwoFactorCodeRejected.make({ purpose: "totp", challengeKey: "c1", attempts: i, at: t(1) }),
      ])
      state = wrong.state
    }
    const fifth = apply(state, answer(undefined, t(2)))
    expect(fifth.events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "totp", challengeKey: "c1", attempts: 5, at: t(2) }),
      TwoFactorChallengeLocked.make({ challengeKey: "c1", until: t(17), at: t(2) }),
    ])
    state = fifth.state
    // Even the right code is refused while locked.
    for (const command of [
      answer(101, t(3)),
      answer(101, t(9.9)),
      { _tag: "AnswerRecovery" as const, challengeKey: "c1", codeDigest: "r1", at: t(3) },
      { _tag: "IssueEmergencyCode" as const, challengeKey: "c1", codeDigest: "em", at: t(3) },
    ]) {
      const error = refuse(state, command)
      expect(error._tag).toBe("ChallengeLocked")
      expect(error).toMatchObject({ until: t(17) })
    }
    expect(twoFactorRules.challengeTtl).toBeLessThan(twoFactorRules.lockout)
    expect(refuse(state, answer(101, t(10)))._tag).toBe("ChallengeUnknown")
    expect(refuse(state, answer(101, t(17)))._tag).toBe("ChallengeUnknown")
    expect(refuse(state, answer(101, t(30)))._tag).toBe("ChallengeUnknown")
  })

  it("refuses an expired or unknown challenge as ChallengeUnknown", () => {
    const state = challenged(t(0))
    expect(refuse(state, answer(101, t(10)))._tag).toBe("ChallengeUnknown")
    expect(refuse(state, answer(101, t(1), "c9"))._tag).toBe("ChallengeUnknown")
    expect(apply(state, answer(101, t(9.99))).events[0]?._tag).toBe("TwoFactorChallengePassed")
  })
})

describe("two-factor decider: emergency codes", () => {
  const issue = (codeDigest: string, at: string): TwoFactorCommand => ({
    _tag: "IssueEmergencyCode",
    challengeKey: "c1",
    codeDigest,
    at,
  })
  const answer = (codeDigest: string, at: string): TwoFactorCommand => ({
    _tag: "AnswerEmergency",
    challengeKey: "c1",
    codeDigest,
    at,
  })

  it("refuses an answer before a code was issued", () => {
    expect(refuse(challenged(t(0)), answer("em1", t(1)))._tag).toBe("EmergencyCodeNotIssued")
  })

  it("issues a code for an open challenge only", () => {
    expect(refuse(enabledState(), issue("em1", t(0)))._tag).toBe("ChallengeUnknown")
    const issued = apply(challenged(t(0)), issue("em1", t(1)))
    expect(issued.events).toEqual([
      TwoFactorEmergencyCodeIssued.make({
        challengeKey: "c1",
        codeDigest: "em1",
        expiresAt: t(11),
        at: t(1),
      }),
    ])
  })

  it("rejects a wrong code, passes the right one once", () => {
    const state = apply(challenged(t(0)), issue("em1", t(1))).state
    const wrong = apply(state, answer("em2", t(2)))
    expect(wrong.events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "emergency", challengeKey: "c1", attempts: 1, at: t(2) }),
    ])
    const passed = apply(wrong.state, answer("em1", t(3)))
    expect(passed.events).toEqual([
      TwoFactorChallengePassed.make({ challengeKey: "c1", method: "emergency", at: t(3) }),
    ])
    expect(refuse(passed.state, answer("em1", t(3)))._tag).toBe("ChallengeUnknown")
  })

  it("a new code replaces the previous one", () => {
    const state = applyAll(challenged(t(0)), [issue("em1", t(1)), issue("em2", t(2))])
    expect(apply(state, answer("em1", t(3))).events[0]?._tag).toBe("TwoFactorCodeRejected")
    expect(apply(state, answer("em2", t(3))).events[0]?._tag).toBe("TwoFactorChallengePassed")
  })

  it("is refused ten minutes after it was issued", () => {
    // Issued with the challenge: both end together.
    const state = apply(challenged(t(0)), issue("em1", t(0))).state
    expect(apply(state, answer("em1", t(9.99))).events[0]?._tag).toBe("TwoFactorChallengePassed")
    expect(refuse(state, answer("em1", t(10)))._tag).toBe("ChallengeUnknown")
    // Should a challenge outlive its emergency code, the expired code is a wrong code.
    const longChallenge: TwoFactorState = {
      ...state,
      challenges: state.challenges.map((c): Challenge => ({ ...c, expiresAt: t(60) })),
    }
    expect(apply(longChallenge, answer("em1", t(9.99))).events[0]?._tag).toBe("TwoFactorChallengePassed")
    expect(apply(longChallenge, answer("em1", t(10))).events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "emergency", challengeKey: "c1", attempts: 1, at: t(10) }),
    ])
  })
})

describe("two-factor decider: recovery codes", () => {
  const answer = (codeDigest: string, at: string, key = "c1"): TwoFactorCommand => ({
    _tag: "AnswerRecovery",
    challengeKey: key,
    codeDigest,
    at,
  })

  it("passes once per code; the same code is rejected on the next challenge", () => {
    const passed = apply(challenged(t(0)), answer("r1", t(1)))
    expect(passed.events).toEqual([
      TwoFactorChallengePassed.make({
        challengeKey: "c1",
        method: "recovery",
        recoveryCodeDigest: "r1",
        at: t(1),
      }),
    ])
    expect(passed.state.recoveryCodes).toEqual([
      { digest: "r1", used: true },
      { digest: "r2", used: false },
    ])
    const next = apply(passed.state, { _tag: "IssueChallenge", challengeKey: "c2", at: t(2) }).state
    expect(apply(next, answer("r1", t(3), "c2")).events).toEqual([
      TwoFactorCodeRejected.make({ purpose: "recovery", challengeKey: "c2", attempts: 1, at: t(3) }),
    ])
    expect(apply(next, answer("r2", t(3), "c2")).events[0]?._tag).toBe("TwoFactorChallengePassed")
  })

  it("new codes replace the old ones", () => {
    const state = apply(challenged(t(0)), {
      _tag: "IssueRecoveryCodes",
      recoveryCodeDigests: ["r3"],
      at: t(1),
    }).state
    expect(apply(state, answer("r1", t(2))).events[0]?._tag).toBe("TwoFactorCodeRejected")
    expect(apply(state, answer("r3", t(2))).events[0]?._tag).toBe("TwoFactorChallengePassed")
    expect(
      refuse(twoFactorInitialState, { _tag: "IssueRecoveryCodes", recoveryCodeDigests: ["r3"], at: t(1) })
        ._tag,
    ).toBe("TwoFactorNotEnabled")
  })
})

describe("two-factor decider: disabling and the reminder", () => {
  it("disables back to nothing but the reminder's dismissal", () => {
    const dismissed = apply(twoFactorInitialState, { _tag: "DismissReminder", at: t(0) })
    expect(dismissed.events).toEqual([TwoFactorReminderDismissed.make({ at: t(0) })])
    let state = enrolled(dismissed.state, t(0))
    state = apply(state, {
      _tag: "Activate",
      enrollmentId: "e1",
      step: 100,
      recoveryCodeDigests: ["r1"],
      at: t(0),
    }).state
    state = applyAll(state, [
      { _tag: "IssueChallenge", challengeKey: "c1", at: t(1) },
      { _tag: "SendVerification", codeDigest: "v2", at: t(1) },
      { _tag: "StartEnrollment", codeDigest: "v2", enrollmentId: "e2", sealedSecret: "sealed:2", at: t(1) },
      { _tag: "SendVerification", codeDigest: "v3", at: t(1) },
    ])
    const disabled = apply(state, { _tag: "Disable", by: customer, reason: "lost phone", at: t(2) })
    expect(disabled.events[0]).toMatchObject({
      _tag: "TwoFactorDisabled",
      by: customer,
      reason: "lost phone",
    })
    expect(disabled.state).toEqual({ ...twoFactorInitialState, reminderDismissed: true })
    expect(refuse(disabled.state, { _tag: "Disable", by: customer, at: t(3) })._tag).toBe(
      "TwoFactorNotEnabled",
    )

    const plain = apply(enabledState(), { _tag: "Disable", by: customer, at: t(2) })
    expect(plain.events[0]).not.toHaveProperty("reason")
    expect(plain.state).toEqual(twoFactorInitialState)
  })

  it("can abandon a set-up in progress", () => {
    const state = enrolled(twoFactorInitialState, t(0))
    expect(apply(state, { _tag: "Disable", by: customer, at: t(1) }).state).toEqual(twoFactorInitialState)
  })

  it("dismisses the reminder once, and not at all when enabled", () => {
    const dismissed = apply(twoFactorInitialState, { _tag: "DismissReminder", at: t(0) }).state
    expect(apply(dismissed, { _tag: "DismissReminder", at: t(1) }).events).toEqual([])
    const enabled = apply(enabledState(), { _tag: "DismissReminder", at: t(1) })
    expect(enabled.events).toEqual([])
    expect(enabled.state.reminderDismissed).toBe(false)
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
