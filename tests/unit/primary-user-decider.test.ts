import { describe, expect, it } from "vitest"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import { primaryUserDecider } from "../../domain/accounts/primary-user.js"
import {
  PrimaryEmailCodeRejected,
  PrimaryEmailCodeSent,
  PrimaryEmailVerified,
  PrimaryUserAccountCompleted,
} from "../../domain/accounts/primary-user-events.js"
import { Instant, plusMillis } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

// The primary user account's rules (manual 004, STEP 2, 3–9), each as given events / when command /
// then events or refusal.

const at = Instant.make("2026-12-07T09:00:00.000Z")
const later = (ms: number) => plusMillis(at, ms)
const email = "aaa@test.com"
const spec = deciderSpec(primaryUserDecider)

const sent = (codeDigest = "d1", when = at, to = email) =>
  PrimaryEmailCodeSent.make({
    email: to,
    codeDigest,
    expiresAt: plusMillis(when, policy.codeTtlMs),
    resendAt: plusMillis(when, policy.resendAfterMs),
    at: when,
  })
const verified = PrimaryEmailVerified.make({ email, at: later(60_000) })
const rejections = (n: number) =>
  Array.from({ length: n }, (_, i) => PrimaryEmailCodeRejected.make({ attempts: i + 1, at: later(1000) }))

const assign = (codeDigest: string, when = at, to = email) =>
  ({ _tag: "AssignEmail", email: to, codeDigest, policy, at: when }) as const
const resend = (codeDigest: string, when: Instant) =>
  ({ _tag: "ResendCode", codeDigest, policy, at: when }) as const
const submit = (codeDigest: string, when = later(60_000)) =>
  ({ _tag: "SubmitCode", codeDigest, policy, at: when }) as const

describe("the primary user account decider", () => {
  describe("assigning the address", () => {
    it("mails a code that expires after the code time and may be replaced after the countdown", () =>
      spec
        .given([])
        .when(assign("d1"))
        .thenEmits([sent("d1")]))
    it("refuses another address before the countdown ends, with the seconds left", () =>
      spec
        .given([sent("d1")])
        .when(assign("d2", later(100_000), "other@test.com"))
        .thenRefuses("ResendTooSoon", { secondsLeft: 68 }))
    it("takes another address once the countdown is over", () =>
      spec
        .given([sent("d1")])
        .when(assign("d2", later(168_000), "other@test.com"))
        .thenEmits([sent("d2", later(168_000), "other@test.com")]))
    it("may start again with another address while the password is not yet updated, after the countdown", () => {
      spec
        .given([sent("d1"), verified])
        .when(assign("d2", later(70_000), "other@test.com"))
        .thenRefuses("ResendTooSoon", { secondsLeft: 98 })
      spec
        .given([sent("d1"), verified])
        .when(assign("d2", later(170_000), "other@test.com"))
        .thenEmits([sent("d2", later(170_000), "other@test.com")])
    })
    it("refuses once the account signs in with its primary user account", () =>
      spec
        .given([sent("d1"), verified, PrimaryUserAccountCompleted.make({ email, at: later(90_000) })])
        .when(assign("d2", later(900_000)))
        .thenRefuses("PrimaryUserAccountAlreadyAssigned", { email }))
  })

  describe("resending the code", () => {
    it("is refused before the countdown ends, with the seconds left rounded up", () =>
      spec
        .given([sent("d1")])
        .when(resend("d2", later(167_001)))
        .thenRefuses("ResendTooSoon", { secondsLeft: 1 }))
    it("sends a new code to the same address after it, which replaces the old one", () => {
      const then = spec.given([sent("d1")]).when(resend("d2", later(168_000)))
      then.thenEmits([sent("d2", later(168_000))])
      // The old code no longer works: the new one is the code waiting.
      spec
        .given([sent("d1"), sent("d2", later(168_000))])
        .when(submit("d1", later(170_000)))
        .thenEmits([PrimaryEmailCodeRejected.make({ attempts: 1, at: later(170_000) })])
    })
    it("starts a fresh count of wrong codes", () =>
      spec
        .given([sent("d1"), ...rejections(5), sent("d2", later(200_000))])
        .when(submit("d2", later(201_000)))
        .thenEmits([PrimaryEmailVerified.make({ email, at: later(201_000) })]))
    it("is refused when no code was sent, or the address is verified already", () => {
      spec.given([]).when(resend("d2", at)).thenRefuses("NoVerificationCode")
      spec
        .given([sent("d1"), verified])
        .when(resend("d2", later(900_000)))
        .thenRefuses("NoVerificationCode")
    })
  })

  describe("submitting the code", () => {
    it("verifies the address with the right code", () =>
      spec
        .given([sent("d1")])
        .when(submit("d1"))
        .thenEmits([verified]))
    it("counts a wrong code", () =>
      spec
        .given([sent("d1"), ...rejections(2)])
        .when(submit("x"))
        .thenEmits([PrimaryEmailCodeRejected.make({ attempts: 3, at: later(60_000) })]))
    it("locks the code after five wrong ones, even for the right code", () =>
      spec
        .given([sent("d1"), ...rejections(5)])
        .when(submit("d1"))
        .thenRefuses("VerificationLocked"))
    it("refuses an expired code", () =>
      spec
        .given([sent("d1")])
        .when(submit("d1", later(policy.codeTtlMs)))
        .thenRefuses("VerificationCodeExpired"))
    it("refuses a code when none was sent", () =>
      spec.given([]).when(submit("d1")).thenRefuses("NoVerificationCode"))
    it("takes the same right code again as a repeat, and refuses any other once verified", () => {
      spec
        .given([sent("d1"), verified])
        .when(submit("d1", later(61_000)))
        .thenNothing()
      spec
        .given([sent("d1"), verified])
        .when(submit("d2", later(61_000)))
        .thenRefuses("NoVerificationCode")
    })
  })

  describe("completing with the password update", () => {
    it("completes once the address is verified", () =>
      spec
        .given([sent("d1"), verified])
        .when({ _tag: "Complete", at: later(90_000) })
        .thenEmits([PrimaryUserAccountCompleted.make({ email, at: later(90_000) })]))
    it("refuses before the address is verified", () => {
      spec.given([]).when({ _tag: "Complete", at }).thenRefuses("EmailNotVerified")
      spec
        .given([sent("d1")])
        .when({ _tag: "Complete", at })
        .thenRefuses("EmailNotVerified")
    })
    it("is a repeat once completed", () => {
      const completed = PrimaryUserAccountCompleted.make({ email, at: later(90_000) })
      const then = spec.given([sent("d1"), verified, completed]).when({ _tag: "Complete", at: later(99_000) })
      then.thenNothing()
      expect(then.state).toEqual({ _tag: "Completed", email })
    })
  })
})
