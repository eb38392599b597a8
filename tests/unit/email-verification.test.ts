import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  attemptsLeft,
  evolveVerification,
  issueCode,
  defaultVerificationPolicy as policy,
  secondsUntilResend,
  submitCode,
  unverified,
  type Verification,
  type VerificationFact,
} from "../../domain/accounts/email-verification.js"
import { Instant, plusMillis } from "../../domain/kernel/index.js"

// The reusable e-mail verification on its own, as a decider that embeds it (the primary user account
// today, a console user's upgrade later) meets it: the facts it returns, folded back in.

const at = Instant.make("2026-12-07T09:00:00.000Z")
const later = (ms: number) => plusMillis(at, ms)
const fold = (facts: ReadonlyArray<VerificationFact>, from: Verification = unverified) =>
  facts.reduce(evolveVerification, from)
const facts = (step: Either.Either<ReadonlyArray<VerificationFact>, unknown>) => Either.getOrThrow(step)

describe("the e-mail verification module", () => {
  const sent = fold(facts(issueCode(unverified, { email: "a@test.com", codeDigest: "d1", at }, policy)))

  it("issues a code with its expiry and countdown, and counts the seconds left", () => {
    expect(sent).toEqual({
      _tag: "CodeSent",
      email: "a@test.com",
      codeDigest: "d1",
      expiresAt: later(policy.codeTtlMs),
      resendAt: later(policy.resendAfterMs),
      attempts: 0,
    })
    expect(secondsUntilResend(sent, later(0))).toBe(168)
    expect(secondsUntilResend(sent, later(167_500))).toBe(1)
    expect(secondsUntilResend(sent, later(168_000))).toBe(0)
    expect(secondsUntilResend(unverified, at)).toBe(0)
  })

  it("takes a shorter countdown and code life from the policy it is given", () => {
    const quick = { ...policy, resendAfterMs: 3000, codeTtlMs: 60_000 }
    const issued = fold(facts(issueCode(unverified, { email: "a@test.com", codeDigest: "d1", at }, quick)))
    expect(
      Either.isRight(issueCode(issued, { email: "a@test.com", codeDigest: "d2", at: later(3000) }, quick)),
    ).toBe(true)
    expect(Either.getLeft(submitCode(issued, { codeDigest: "d1", at: later(60_000) }, quick))).toMatchObject({
      value: { _tag: "VerificationCodeExpired" },
    })
  })

  it("counts wrong codes down to the lock, and a new code starts a fresh count", () => {
    let state = sent
    for (let i = 1; i <= policy.maxAttempts; i++) {
      state = fold(facts(submitCode(state, { codeDigest: "x", at: later(1000) }, policy)), state)
      expect(attemptsLeft(state, policy)).toBe(policy.maxAttempts - i)
    }
    expect(Either.getLeft(submitCode(state, { codeDigest: "d1", at: later(2000) }, policy))).toMatchObject({
      value: { _tag: "VerificationLocked" },
    })
    const renewed = fold(
      facts(issueCode(state, { email: "a@test.com", codeDigest: "d2", at: later(168_000) }, policy)),
      state,
    )
    expect(attemptsLeft(renewed, policy)).toBe(policy.maxAttempts)
    expect(
      fold(facts(submitCode(renewed, { codeDigest: "d2", at: later(170_000) }, policy)), renewed),
    ).toMatchObject({
      _tag: "Verified",
      email: "a@test.com",
    })
  })
})
