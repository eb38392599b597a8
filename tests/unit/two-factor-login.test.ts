import { describe, expect, it } from "vitest"
import type { Instant } from "../../domain/kernel/instant.js"
import { twoFactorRules } from "../../domain/two-factor/two-factor.js"
import {
  TwoFactorChallengeIssued,
  TwoFactorChallengeLocked,
  TwoFactorChallengePassed,
  TwoFactorRecoveryCodesIssued,
} from "../../domain/two-factor/two-factor-events.js"
import {
  answerEmergency,
  answerRecovery,
  answerTotp,
  challenged,
  emergencyIssued,
  enabled,
  issueChallenge,
  issued,
  issueEmergency,
  passedTotp,
  rejected,
  rejections,
  setUp,
  spec,
  t,
} from "../support/two-factor-scenarios.js"

// The second step of a login: challenges answered with the app, an e-mailed emergency code or a
// recovery code. Setting up: two-factor-decider.test.ts.

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
