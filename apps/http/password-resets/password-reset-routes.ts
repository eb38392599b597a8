import { Effect, Schema } from "effect"
import {
  completePasswordReset,
  requestPasswordReset,
  resetRequestLimits,
  showPasswordReset,
} from "../../../application/accounts/password-reset.js"
import { accountProblems, invalidFieldsProblem, resetLinkInvalid } from "../accounts/account-problems.js"
import { addressOf, customerMetadata } from "../sessions/session-of.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { twoFactorRefusals } from "../two-factor/two-factor-problems.js"

const tags = ["password resets"]

const Token = Schema.Struct({
  token: Schema.String.annotations({ description: "The secret from the mailed link" }),
})
const LoginId = Schema.String.annotations({ description: "The login ID the link belongs to" })

const ResetRequested = Schema.Struct({ message: Schema.String }).annotations({ identifier: "ResetRequested" })
const ResetLink = Schema.Struct({ loginId: LoginId }).annotations({ identifier: "ResetLink" })
const ResetDone = Schema.Struct({ loginId: LoginId, message: Schema.String }).annotations({
  identifier: "ResetDone",
})

/** A reset request: the portal's form decodes it with the same schema. */
export const ResetRequestBody = Schema.Struct({
  loginIdOrEmail: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => "is required" })),
})

export const passwordResetsFeature = defineFeature({
  name: "password-resets",
  routes: [
    defineRoute({
      method: "POST",
      path: "/v1/password-resets",
      summary: "Ask for a password-reset link by login ID or e-mail address",
      tags,
      auth: "none",
      body: ResetRequestBody,
      responses: {
        202: { description: "The same answer whether or not an account matched", schema: ResetRequested },
      },
      failures: {
        AccountAlreadyExists: true,
        AccountNotFound: true,
        NotABusinessAccount: true,
        IdempotencyKeyReused: true,
        PasswordResetLinkInvalid: true,
        RateLimited: resetRequestLimits,
        StreamVersionConflict: true,
      },
      handler: ({ body, request }) =>
        Effect.map(
          requestPasswordReset(body.loginIdOrEmail, addressOf(request), customerMetadata(request)),
          () => ({
            status: 202,
            body: {
              message: "If an account matches, a message with a reset link was sent to its e-mail address.",
            },
          }),
        ),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/password-resets/:token",
      summary: "Open a reset link: shows the login ID",
      tags,
      auth: "none",
      params: Token,
      secretParams: ["token"],
      responses: { 200: { description: "The link works; the login ID it belongs to", schema: ResetLink } },
      failures: { ResetLinkInvalid: true },
      handler: ({ params }) =>
        Effect.map(showPasswordReset(params.token), (shown) => ({ status: 200, body: shown })),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/password-resets/:token",
      summary: "Set a new password with a reset link (ends every session)",
      tags,
      auth: "none",
      params: Token,
      secretParams: ["token"],
      body: Schema.Struct({ newPassword: Schema.String, newPasswordConfirmation: Schema.String }),
      responses: { 200: { description: "The password was changed", schema: ResetDone } },
      failures: {
        AccountAlreadyExists: true,
        AccountNotFound: true,
        NotABusinessAccount: true,
        ChallengeLocked: true,
        ChallengeUnknown: true,
        EmergencyCodeNotIssued: true,
        IdempotencyKeyReused: true,
        InvalidFields: true,
        NoEnrollmentInProgress: true,
        ResetLinkInvalid: true,
        StreamVersionConflict: true,
        TwoFactorNotEnabled: true,
        VerificationRequired: true,
      },
      handler: ({ params, body, request }) =>
        Effect.map(completePasswordReset(params.token, body, customerMetadata(request)), (done) => ({
          status: 200,
          body: { ...done, message: "The password was changed. Log in with the new password." },
        })),
    }),
  ],
  problems: {
    ...accountProblems,
    ...twoFactorRefusals,
    InvalidFields: invalidFieldsProblem,
    ResetLinkInvalid: resetLinkInvalid,
  },
})
