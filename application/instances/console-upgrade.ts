import { Effect, Either, Option } from "effect"
import {
  attemptsLeft,
  pendingEmail,
  secondsUntilResend,
  type VerificationPolicy,
} from "../../domain/accounts/email-verification.js"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import {
  type ConsoleUpgradeCommand,
  type ConsoleUserFacts,
  consoleUpgrade,
  consoleUpgradeStreamId,
} from "../../domain/instances/console-upgrade.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { brandOf, sealedMailMessage } from "../accounts/account-mail.js"
import { verificationPolicy } from "../accounts/email-verification-settings.js"
import { InvalidFields } from "../accounts/invalid-fields.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { consoleUpgradeVerificationCode } from "../notifications/console-upgrade-emails.js"
import { maskEmailForTwoFactor } from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import { type RateLimit, takeWithin } from "../platform/throttle.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { codeDigest, randomDigits } from "../two-factor/two-factor-codes.js"
import { CodeRejected } from "../two-factor/two-factor-stream.js"
import { consoleUserFacts } from "./console-user-facts.js"
import { refusalsOnly } from "./refusals-only.js"

// A console user's "upgrade your account" (manual 004, STEP 3 end) as the console's calls make it:
// the sign-in with the old user name, the address typed twice, the code by mail (resent after the
// countdown), its answer. The password that completes it is in console-upgrade-password.ts.

/** What every step meets when there is nothing to upgrade (as the sign-in does). */
export const standing = [
  "InstanceNotFound",
  "InstanceNotUpdated",
  "ConsoleUserUnknown",
  "ConsoleUserAlreadyUpgraded",
] as const
const stored = ["StreamVersionConflict", "IdempotencyKeyReused"] as const

/** Codes are digested under their own purpose, so no other kind of code ever matches one. */
export const consoleUpgradeCodePurpose = "console-upgrade-code"

/** Codes mailed per console user: the countdown spaces them, this caps an hour of them. */
export const consoleUpgradeMailBudget: RateLimit = {
  name: "console-upgrade-code",
  limit: 10,
  windowSeconds: 3600,
}

const streamOf = (instanceId: string, userName: string) => consoleUpgradeStreamId(instanceId, userName)

/** Where the user's upgrade stands (refused, as the sign-in is, when there is nothing to upgrade). */
export const consoleUpgradeStatus = Effect.fn("ConsoleUpgrade.status")(
  function* (instanceId: string, userName: string) {
    const { facts, user } = yield* consoleUserFacts(instanceId, userName)
    const { state } = yield* loadAggregate(consoleUpgrade, streamOf(instanceId, userName))
    const at = yield* now
    yield* consoleUpgrade.decider.decide({ _tag: "SignInWithUserName", user: facts, at }, state)
    const who = { userName, displayName: user?.displayName ?? userName }
    const verification = state._tag === "Verifying" ? state.verification : undefined
    switch (verification?._tag) {
      case undefined:
      case "Unverified":
        return { status: "upgrade-required" as const, ...who }
      case "Verified":
        return { status: "awaiting-password" as const, ...who, email: verification.email }
      case "CodeSent":
        return {
          status: "code-sent" as const,
          ...who,
          sentTo: maskEmailForTwoFactor(verification.email),
          expiresAt: verification.expiresAt,
          resendInSeconds: secondsUntilResend(verification, at),
          attemptsLeft: attemptsLeft(verification, yield* verificationPolicy),
        }
    }
  },
  refusalsOnly(...standing),
)

export type ConsoleUpgradeStatus = Effect.Effect.Success<ReturnType<typeof consoleUpgradeStatus>>

/** A new code for `email`: its digest for the command, the mail (sealed: it holds the code) for the outbox. */
const newCode = (
  instanceId: string,
  userName: string,
  email: string,
  accountId: string,
  policy: VerificationPolicy,
) =>
  Effect.gen(function* () {
    yield* takeWithin(`console-upgrade:${instanceId}:${userName}`, consoleUpgradeMailBudget)
    // The console users write in the language of the account the instance belongs to.
    const language = yield* Effect.map(
      Effect.either(accountFacts(accountId)),
      (facts) => Either.getOrUndefined(facts)?.language ?? "ja",
    )
    const code = yield* randomDigits(6)
    const letter = consoleUpgradeVerificationCode(language, yield* brandOf, {
      code,
      validMinutes: Math.round(policy.codeTtlMs / 60_000),
      userName,
    })
    return {
      digest: yield* codeDigest(consoleUpgradeCodePurpose, code),
      mail: yield* sealedMailMessage([email], letter),
    }
  })

/** Decides a code-sending command, the mail going out with its event; a refusal costs no budget and no code. */
const sendCode = (
  instanceId: string,
  userName: string,
  email: (pending: string | undefined) => string,
  metadata: EventMetadata,
  command: (user: ConsoleUserFacts, digest: string, policy: VerificationPolicy) => ConsoleUpgradeCommand,
) =>
  Effect.gen(function* () {
    const policy = yield* verificationPolicy
    const { facts, accountId } = yield* consoleUserFacts(instanceId, userName)
    const loaded = yield* loadAggregate(consoleUpgrade, streamOf(instanceId, userName))
    const refusal = Either.getLeft(consoleUpgrade.decider.decide(command(facts, "", policy), loaded.state))
    if (Option.isSome(refusal)) return yield* Effect.fail(refusal.value)
    const verification = loaded.state._tag === "Verifying" ? loaded.state.verification : undefined
    const to = email(verification && pendingEmail(verification))
    const code = yield* newCode(instanceId, userName, to, accountId, policy)
    yield* runCommand(consoleUpgrade, streamOf(instanceId, userName), command(facts, code.digest, policy), {
      metadata,
      loaded,
      outbox: (events) => (events.some((e) => e._tag === "ConsoleUpgradeCodeSent") ? [code.mail] : []),
    })
    return yield* consoleUpgradeStatus(instanceId, userName)
  })

/** The address typed twice gets a code; a new one replaces any code waiting (after the countdown). */
export const assignUpgradeEmail = Effect.fn("ConsoleUpgrade.assignEmail")(
  function* (
    instanceId: string,
    userName: string,
    input: { readonly email: string; readonly emailConfirmation: string },
    metadata: EventMetadata,
  ) {
    if (loginIdKey(input.email) !== loginIdKey(input.emailConfirmation)) {
      return yield* new InvalidFields({
        errors: [{ field: "/emailConfirmation", reason: "does not match the e-mail address" }],
      })
    }
    const at = yield* now
    return yield* sendCode(
      instanceId,
      userName,
      () => input.email,
      metadata,
      (user, codeDigest, policy) => ({
        _tag: "AssignEmail",
        user,
        email: input.email,
        codeDigest,
        policy,
        at,
      }),
    )
  },
  refusalsOnly(...standing, ...stored, "ConsoleEmailTaken", "InvalidFields", "RateLimited", "ResendTooSoon"),
)

/** "Click here to resend": a new code to the same address once the countdown is over. */
export const resendUpgradeCode = Effect.fn("ConsoleUpgrade.resendCode")(
  function* (instanceId: string, userName: string, metadata: EventMetadata) {
    const at = yield* now
    return yield* sendCode(
      instanceId,
      userName,
      // Where no code waits the decider refuses before any mail is made.
      (pending) => pending ?? "",
      metadata,
      (user, codeDigest, policy) => ({ _tag: "ResendCode", user, codeDigest, policy, at }),
    )
  },
  refusalsOnly(...standing, ...stored, "NoVerificationCode", "RateLimited", "ResendTooSoon"),
)

/** The code from the mail. A wrong one is recorded (it counts) and reported with the tries left. */
export const verifyUpgradeEmail = Effect.fn("ConsoleUpgrade.verifyEmail")(
  function* (instanceId: string, userName: string, code: string, metadata: EventMetadata) {
    const { facts } = yield* consoleUserFacts(instanceId, userName)
    const policy = yield* verificationPolicy
    const result = yield* runCommand(
      consoleUpgrade,
      streamOf(instanceId, userName),
      {
        _tag: "SubmitCode",
        user: facts,
        codeDigest: yield* codeDigest(consoleUpgradeCodePurpose, code.trim()),
        policy,
        at: yield* now,
      },
      { metadata },
    )
    const rejected = result.events.find((e) => e._tag === "ConsoleUpgradeCodeRejected")
    if (rejected)
      return yield* new CodeRejected({ attemptsLeft: Math.max(0, policy.maxAttempts - rejected.attempts) })
    return yield* consoleUpgradeStatus(instanceId, userName)
  },
  refusalsOnly(
    ...standing,
    ...stored,
    "CodeRejected",
    "NoVerificationCode",
    "VerificationCodeExpired",
    "VerificationLocked",
  ),
)
