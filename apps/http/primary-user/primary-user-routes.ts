import { Effect, Schema } from "effect"
import { passwordCheckLimits } from "../../../application/accounts/password-recheck.js"
import {
  assignPrimaryEmail,
  primaryEmailCodeLimits,
  primaryUserStatus,
  resendPrimaryEmailCode,
  verifyPrimaryEmail,
} from "../../../application/accounts/primary-user-account.js"
import { completePrimaryUserAccount } from "../../../application/accounts/primary-user-password.js"
import { EmailAddress } from "../../../domain/accounts/profile.js"
import {
  accountProblems,
  invalidFieldsProblem,
  personalRegistrationProblems,
} from "../accounts/account-problems.js"
import { sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { digits } from "../shell/wire.js"
import { twoFactorProblems, twoFactorRefusals } from "../two-factor/two-factor-problems.js"
import { primaryUserProblems } from "./primary-user-problems.js"
import { PasswordUpdated, PrimaryUserStatus, primaryUserStatusExample } from "./primary-user-responses.js"

// The primary user account by e-mail (manual 004, STEP 2, 3–10): the portal's three steps over HTTP.

const tags = ["primary user account"]
const path = "/v1/account/primary-user"
const status = { description: "Where the primary user account stands", schema: PrimaryUserStatus }
const codeSent = {
  description: "A code was mailed; the countdown before another one starts",
  schema: PrimaryUserStatus,
}

// What every route that decides on the primary user account's stream can meet.
const decided = {
  AccountNotFound: true,
  NotABusinessAccount: true,
  IdempotencyKeyReused: true,
  PrimaryUserAccountAlreadyAssigned: true,
  SessionInvalid: true,
  StreamVersionConflict: true,
} as const

export const primaryUserRoutes = [
  defineRoute({
    method: "GET",
    path,
    summary:
      "The primary user account: none yet, code sent (seconds until resend), awaiting the password, done",
    tags,
    responses: { 200: { ...status, example: primaryUserStatusExample } },
    failures: { AccountNotFound: true, NotABusinessAccount: true, SessionInvalid: true },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(primaryUserStatus(session.accountId), (body) => ({ status: 200, body })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/email`,
    summary: "Assign the primary user account's address (typed twice): a verification code is mailed to it",
    description:
      "A new code replaces any code waiting, but only once the countdown of the last one is over (`resend-too-soon` says how many seconds are left). The address must not sign in to another account.",
    tags,
    body: Schema.Struct({
      email: EmailAddress.annotations({
        description: "The new account e-mail: the sign-in name from now on",
      }),
      emailConfirmation: Schema.String.annotations({
        description: 'The address again (the manual\'s "Confirm email")',
      }),
    }),
    responses: { 202: codeSent },
    failures: {
      ...decided,
      EmailTaken: true,
      InvalidFields: true,
      RateLimited: primaryEmailCodeLimits,
      ResendTooSoon: primaryEmailCodeLimits,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(assignPrimaryEmail(session.accountId, body, session.metadata), (sent) => ({
          status: 202,
          body: sent,
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/email/resend`,
    summary: "Mail a new code to the same address once the countdown is over; the old code stops working",
    tags,
    responses: { 202: codeSent },
    failures: {
      ...decided,
      NoVerificationCode: true,
      RateLimited: primaryEmailCodeLimits,
      ResendTooSoon: primaryEmailCodeLimits,
    },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(resendPrimaryEmailCode(session.accountId, session.metadata), (sent) => ({
          status: 202,
          body: sent,
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/verification`,
    summary: "Submit the mailed code: the address is verified and the password update comes next",
    tags,
    body: Schema.Struct({ code: digits(6) }),
    responses: { 200: { ...status, description: "Verified: the password update is next" } },
    failures: {
      ...decided,
      CodeRejected: true,
      NoVerificationCode: true,
      VerificationCodeExpired: true,
      VerificationLocked: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(verifyPrimaryEmail(session.accountId, body.code, session.metadata), (verified) => ({
          status: 200,
          body: verified,
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/password`,
    summary:
      "The password update: the current password, the new one twice. The address becomes the sign-in name; every session ends",
    tags,
    body: Schema.Struct({
      currentPassword: Schema.String,
      newPassword: Schema.String.annotations({ description: "Checked against the password policy" }),
      newPasswordConfirmation: Schema.String,
    }),
    responses: {
      200: {
        description: "Updated password successfully: sign in with the address",
        schema: PasswordUpdated,
      },
    },
    failures: {
      AccountAlreadyExists: true,
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      EmailNotVerified: true,
      EmailTaken: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      InvalidFields: true,
      NoEnrollmentInProgress: true,
      NotABusinessAccount: true,
      PasswordResetLinkInvalid: true,
      RateLimited: passwordCheckLimits,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(completePrimaryUserAccount(session.accountId, body, session.metadata), (updated) => ({
          status: 200,
          body: updated,
        })),
      ),
  }),
]

export const primaryUserFeature = defineFeature({
  name: "primary-user",
  routes: primaryUserRoutes,
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ...primaryUserProblems,
    ...twoFactorRefusals,
    CodeRejected: twoFactorProblems.CodeRejected,
    EmailTaken: personalRegistrationProblems.EmailTaken,
    InvalidFields: invalidFieldsProblem,
  },
})
