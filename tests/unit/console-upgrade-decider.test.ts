import { describe, it } from "vitest"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import { type ConsoleUserFacts, consoleUpgradeDecider } from "../../domain/instances/console-upgrade.js"
import {
  ConsoleUpgradeCodeRejected,
  ConsoleUpgradeCodeSent,
  ConsoleUpgradeEmailVerified,
  ConsoleUserUpgraded,
} from "../../domain/instances/console-upgrade-events.js"
import { Instant, plusMillis } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

// A console user's "upgrade your account" (manual 004, STEP 3 end), each rule as given events /
// when command / then events or refusal.

const at = Instant.make("2026-12-07T09:00:00.000Z")
const later = (ms: number) => plusMillis(at, ms)
const email = "sato@test.com"
const spec = deciderSpec(consoleUpgradeDecider)
const user: ConsoleUserFacts = { instanceUpdated: true, known: true, emailsOfOthers: ["suzuki@test.com"] }

const sent = (codeDigest = "d1", when = at, to = email) =>
  ConsoleUpgradeCodeSent.make({
    email: to,
    codeDigest,
    expiresAt: plusMillis(when, policy.codeTtlMs),
    resendAt: plusMillis(when, policy.resendAfterMs),
    at: when,
  })
const verified = ConsoleUpgradeEmailVerified.make({ email, at: later(60_000) })
const upgraded = ConsoleUserUpgraded.make({ email, passwordHash: "$argon2id$h", at: later(90_000) })
const rejections = (n: number) =>
  Array.from({ length: n }, (_, i) => ConsoleUpgradeCodeRejected.make({ attempts: i + 1, at: later(1000) }))

const signIn = (facts = user) => ({ _tag: "SignInWithUserName", user: facts, at }) as const
const assign = (codeDigest: string, when = at, to = email, facts = user) =>
  ({ _tag: "AssignEmail", user: facts, email: to, codeDigest, policy, at: when }) as const
const resend = (codeDigest: string, when: Instant) =>
  ({ _tag: "ResendCode", user, codeDigest, policy, at: when }) as const
const submit = (codeDigest: string, when = later(60_000)) =>
  ({ _tag: "SubmitCode", user, codeDigest, policy, at: when }) as const
const complete = (facts = user) =>
  ({ _tag: "Complete", user: facts, passwordHash: "$argon2id$h", at: later(90_000) }) as const

describe("the console user upgrade decider", () => {
  describe("signing in with the old user name", () => {
    it("leads to the upgrade once the instance is updated", () => spec.given([]).when(signIn()).thenNothing())
    it("is refused before the instance is updated: there is nothing to upgrade", () =>
      spec
        .given([])
        .when(signIn({ ...user, instanceUpdated: false }))
        .thenRefuses("InstanceNotUpdated"))
    it("is refused for a user name the instance does not have", () =>
      spec
        .given([])
        .when(signIn({ ...user, known: false }))
        .thenRefuses("ConsoleUserUnknown"))
    it("is refused once the user is an e-mail user account", () =>
      spec.given([sent(), verified, upgraded]).when(signIn()).thenRefuses("ConsoleUserAlreadyUpgraded"))
  })

  describe("the address", () => {
    it("mails a code with the verification's life and countdown", () =>
      spec
        .given([])
        .when(assign("d1"))
        .thenEmits([sent("d1")]))
    it("is refused when another console user of the instance upgraded to it (any case)", () =>
      spec
        .given([])
        .when(assign("d1", at, "SUZUKI@test.com"))
        .thenRefuses("ConsoleEmailTaken"))
    it("is refused before the instance is updated, or for an unknown user", () => {
      spec
        .given([])
        .when(assign("d1", at, email, { ...user, instanceUpdated: false }))
        .thenRefuses("InstanceNotUpdated")
      spec
        .given([])
        .when(assign("d1", at, email, { ...user, known: false }))
        .thenRefuses("ConsoleUserUnknown")
    })
    it("takes another address only after the countdown, with the seconds left before", () => {
      spec
        .given([sent("d1")])
        .when(assign("d2", later(100_000), "other@test.com"))
        .thenRefuses("ResendTooSoon", { secondsLeft: 68 })
      spec
        .given([sent("d1")])
        .when(assign("d2", later(168_000), "other@test.com"))
        .thenEmits([sent("d2", later(168_000), "other@test.com")])
    })
    it("is refused once upgraded", () =>
      spec
        .given([sent(), verified, upgraded])
        .when(assign("d2", later(900_000)))
        .thenRefuses("ConsoleUserAlreadyUpgraded"))
  })

  describe("resending the code", () => {
    it("waits for the countdown, then replaces the old code", () => {
      spec
        .given([sent("d1")])
        .when(resend("d2", later(167_001)))
        .thenRefuses("ResendTooSoon", { secondsLeft: 1 })
      spec
        .given([sent("d1")])
        .when(resend("d2", later(168_000)))
        .thenEmits([sent("d2", later(168_000))])
      spec
        .given([sent("d1"), sent("d2", later(168_000))])
        .when(submit("d1", later(170_000)))
        .thenEmits([ConsoleUpgradeCodeRejected.make({ attempts: 1, at: later(170_000) })])
    })
    it("is refused when no code waits", () =>
      spec.given([]).when(resend("d2", at)).thenRefuses("NoVerificationCode"))
  })

  describe("the code", () => {
    it("verifies the address", () =>
      spec
        .given([sent("d1")])
        .when(submit("d1"))
        .thenEmits([verified]))
    it("counts a wrong one", () =>
      spec
        .given([sent("d1"), ...rejections(1)])
        .when(submit("x"))
        .thenEmits([ConsoleUpgradeCodeRejected.make({ attempts: 2, at: later(60_000) })]))
    it("locks after five wrong ones, even for the right code", () =>
      spec
        .given([sent("d1"), ...rejections(5)])
        .when(submit("d1"))
        .thenRefuses("VerificationLocked"))
    it("refuses an expired code", () =>
      spec
        .given([sent("d1")])
        .when(submit("d1", later(policy.codeTtlMs)))
        .thenRefuses("VerificationCodeExpired"))
  })

  describe("the password", () => {
    it("makes the user an e-mail user account, with only the password's hash", () =>
      spec
        .given([sent("d1"), verified])
        .when(complete())
        .thenEmits([upgraded]))
    it("is refused before the address is verified", () =>
      spec
        .given([sent("d1")])
        .when(complete())
        .thenRefuses("UpgradeEmailNotVerified"))
    it("is refused when another user upgraded to the address meanwhile", () =>
      spec
        .given([sent("d1"), verified])
        .when(complete({ ...user, emailsOfOthers: [email] }))
        .thenRefuses("ConsoleEmailTaken"))
    it("changes nothing when repeated", () =>
      spec
        .given([sent("d1"), verified, upgraded])
        .when(complete())
        .thenNothing())
  })
})
