import { describe, it } from "vitest"
import {
  TwoFactorChallengePassed,
  TwoFactorDeviceChanged,
  TwoFactorEnabled,
  TwoFactorEnrollmentStarted,
  TwoFactorSetupAbandoned,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
  TwoFactorVerificationVoided,
} from "../../domain/two-factor/two-factor-events.js"
import {
  activate,
  answerRecovery,
  answerTotp,
  challenged,
  enabled,
  issueChallenge,
  issued,
  passedTotp,
  rejected,
  rejections,
  sent,
  setUp,
  spec,
  start,
  t,
} from "../support/two-factor-scenarios.js"

// Setting 2FA up (the e-mailed code, the new secret, its activation, a change of device).
// Turning it off: two-factor-disable.test.ts; logins: two-factor-login.test.ts; the state's
// queries: two-factor-state.test.ts.

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
