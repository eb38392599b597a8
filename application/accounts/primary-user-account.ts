import { Effect, Either, Option } from "effect"
import {
  AccountNotFound,
  account,
  accountStreamId,
  type BusinessProfile,
  NotABusinessAccount,
} from "../../domain/accounts/account.js"
import {
  attemptsLeft,
  defaultVerificationPolicy,
  pendingEmail,
  secondsUntilResend,
  type VerificationPolicy,
} from "../../domain/accounts/email-verification.js"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import { loginIdClaim } from "../../domain/accounts/login-id-claim.js"
import {
  type PrimaryUserCommand,
  primaryUser,
  primaryUserStreamId,
} from "../../domain/accounts/primary-user.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { primaryEmailVerificationCode } from "../notifications/primary-user-emails.js"
import { maskEmailForTwoFactor } from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import {
  type QuotaPolicies,
  type QuotaPolicy,
  quotaOf,
  type RateLimit,
  takeWithin,
} from "../platform/throttle.js"
import { codeDigest, randomDigits } from "../two-factor/two-factor-codes.js"
import { CodeRejected } from "../two-factor/two-factor-stream.js"
import { brandOf, sealedMailMessage } from "./account-mail.js"
import { verificationPolicy } from "./email-verification-settings.js"
import { InvalidFields } from "./invalid-fields.js"
import { EmailTaken } from "./personal-registration.js"
import { loginIdStream } from "./registration-steps.js"

// The primary user account by e-mail (manual 004, STEP 2, 3–6): assign an address typed twice, get a
// code by mail, resend it after the countdown, submit it. The password update that completes it is
// in primary-user-password.ts.

/** Codes are digested under their own purpose, so no other kind of code ever matches one. */
export const primaryEmailCodePurpose = "primary-email-code"

/** The business account whose primary user account this is; a personal account signs in by e-mail already. */
export const businessAccount = (accountId: string) =>
  Effect.gen(function* () {
    const loaded = yield* loadAggregate(account, accountStreamId(accountId))
    if (loaded.state._tag !== "Active") return yield* new AccountNotFound()
    if (loaded.state.account.kind !== "business") return yield* new NotABusinessAccount()
    return { profile: loaded.state.account, loaded }
  })

/** Refused early when the address signs in to another account already (checked again when it is claimed). */
const checkEmailFree = (accountId: string, email: string) =>
  Effect.gen(function* () {
    const claim = yield* loadAggregate(loginIdClaim, yield* loginIdStream(email))
    if (claim.state._tag === "Claimed" && claim.state.accountId !== accountId) return yield* new EmailTaken()
  })

const loadPrimaryUser = (accountId: string) => loadAggregate(primaryUser, primaryUserStreamId(accountId))

/** Where the account's primary user account stands, as the portal's three steps need it. */
export const primaryUserStatus = Effect.fn("PrimaryUser.status")(function* (accountId: string) {
  const { profile } = yield* businessAccount(accountId)
  const { state } = yield* loadPrimaryUser(accountId)
  const policy = yield* verificationPolicy
  const at = yield* now
  const originalAccount = profile.loginId
  // Done, the login ID is the address: the original one is in the account's history, not here.
  if (state._tag === "Completed") return { status: "done" as const, email: state.email }
  const verification = state._tag === "Verifying" ? state.verification : undefined
  switch (verification?._tag) {
    case undefined:
    case "Unverified":
      return { status: "none" as const, originalAccount }
    case "Verified":
      return { status: "awaiting-password" as const, originalAccount, email: verification.email }
    case "CodeSent":
      return {
        status: "code-sent" as const,
        originalAccount,
        sentTo: maskEmailForTwoFactor(verification.email),
        expiresAt: verification.expiresAt,
        resendInSeconds: secondsUntilResend(verification, at),
        attemptsLeft: attemptsLeft(verification, policy),
      }
  }
})

export type PrimaryUserStatus = Effect.Effect.Success<ReturnType<typeof primaryUserStatus>>

/** Codes mailed per account: the countdown spaces them, this caps an hour of them (several addresses). */
export const primaryEmailMailBudget: RateLimit = {
  name: "primary-email-code",
  limit: 10,
  windowSeconds: 3600,
}

/**
 * The countdown as a policy, for `RateLimit-Policy`: one code per countdown. Published with the
 * default countdown; `EMAIL_CODE_RESEND_SECONDS` changes what the refusals say, not this header.
 */
export const resendCountdownPolicy: QuotaPolicy = {
  name: "email-code-countdown",
  quota: 1,
  windowSeconds: defaultVerificationPolicy.resendAfterMs / 1000,
}

/** What the routes that mail a code advertise (`RateLimit-Policy`). */
export const primaryEmailCodeLimits: QuotaPolicies = [quotaOf(primaryEmailMailBudget), resendCountdownPolicy]

/** A new code for `email`: its digest for the command, the mail (sealed: it holds the code) for the outbox. */
const newCode = (accountId: string, profile: BusinessProfile, email: string, policy: VerificationPolicy) =>
  Effect.gen(function* () {
    yield* takeWithin(`primary-email:${accountId}`, primaryEmailMailBudget)
    const code = yield* randomDigits(6)
    const letter = primaryEmailVerificationCode(profile.language, yield* brandOf, {
      code,
      validMinutes: Math.round(policy.codeTtlMs / 60_000),
      originalAccount: profile.loginId,
    })
    return {
      digest: yield* codeDigest(primaryEmailCodePurpose, code),
      mail: yield* sealedMailMessage([email], letter),
    }
  })

/**
 * Decides a code-sending command, the code's mail going out with its event. The decider is asked
 * first with no code: a refusal (the countdown) then costs no mail budget and makes no code.
 */
const sendCode = (
  accountId: string,
  profile: BusinessProfile,
  email: string,
  metadata: EventMetadata,
  command: (digest: string, policy: VerificationPolicy) => PrimaryUserCommand,
) =>
  Effect.gen(function* () {
    const policy = yield* verificationPolicy
    const loaded = yield* loadPrimaryUser(accountId)
    const refusal = Either.getLeft(primaryUser.decider.decide(command("", policy), loaded.state))
    if (Option.isSome(refusal)) return yield* Effect.fail(refusal.value)
    const code = yield* newCode(accountId, profile, email, policy)
    yield* runCommand(primaryUser, primaryUserStreamId(accountId), command(code.digest, policy), {
      metadata,
      loaded,
      outbox: (events) => (events.some((e) => e._tag === "PrimaryEmailCodeSent") ? [code.mail] : []),
    })
    return yield* primaryUserStatus(accountId)
  }).pipe(
    // Refusals of answering a code or of completing, which sending a code never meets.
    Effect.catchTags({
      VerificationCodeExpired: Effect.die,
      VerificationLocked: Effect.die,
      EmailNotVerified: Effect.die,
    }),
  )

/** Step 3–4: the address, typed twice, gets a code; a new one replaces any code waiting (after the countdown). */
export const assignPrimaryEmail = Effect.fn("PrimaryUser.assignEmail")(function* (
  accountId: string,
  input: { readonly email: string; readonly emailConfirmation: string },
  metadata: EventMetadata,
) {
  if (loginIdKey(input.email) !== loginIdKey(input.emailConfirmation)) {
    return yield* new InvalidFields({
      errors: [{ field: "/emailConfirmation", reason: "does not match the e-mail address" }],
    })
  }
  const { profile } = yield* businessAccount(accountId)
  yield* checkEmailFree(accountId, input.email)
  const at = yield* now
  return yield* sendCode(accountId, profile, input.email, metadata, (codeDigest, policy) => ({
    _tag: "AssignEmail",
    email: input.email,
    codeDigest,
    policy,
    at,
  })).pipe(Effect.catchTag("NoVerificationCode", Effect.die))
})

/** "Click here to resend": a new code to the same address once the countdown is over; the old one stops working. */
export const resendPrimaryEmailCode = Effect.fn("PrimaryUser.resendCode")(function* (
  accountId: string,
  metadata: EventMetadata,
) {
  const { profile } = yield* businessAccount(accountId)
  const { state } = yield* loadPrimaryUser(accountId)
  // Where no code waits, the decider refuses; the address is only needed for the mail.
  const email =
    (state._tag === "Verifying" ? pendingEmail(state.verification) : undefined) ?? profile.user.email
  const at = yield* now
  return yield* sendCode(accountId, profile, email, metadata, (codeDigest, policy) => ({
    _tag: "ResendCode",
    codeDigest,
    policy,
    at,
  }))
})

/** Step 6: the code from the mail. A wrong one is recorded (it counts) and reported with the tries left. */
export const verifyPrimaryEmail = Effect.fn("PrimaryUser.verifyEmail")(function* (
  accountId: string,
  code: string,
  metadata: EventMetadata,
) {
  yield* businessAccount(accountId)
  const policy = yield* verificationPolicy
  const result = yield* runCommand(
    primaryUser,
    primaryUserStreamId(accountId),
    {
      _tag: "SubmitCode",
      codeDigest: yield* codeDigest(primaryEmailCodePurpose, code.trim()),
      policy,
      at: yield* now,
    },
    { metadata },
  ).pipe(
    // Refusals of sending a code or of completing, which answering one never meets.
    Effect.catchTags({ ResendTooSoon: Effect.die, EmailNotVerified: Effect.die }),
  )
  const rejected = result.events.find((e) => e._tag === "PrimaryEmailCodeRejected")
  if (rejected)
    return yield* new CodeRejected({ attemptsLeft: Math.max(0, policy.maxAttempts - rejected.attempts) })
  return yield* primaryUserStatus(accountId)
})
