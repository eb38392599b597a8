import { Effect, Schema } from "effect"
import {
  activate,
  enrollmentQr,
  sendVerificationEmail,
  startEnrollment,
  verificationEmailLimits,
} from "../../../application/two-factor/enrollment.js"
import { passwordCheckLimits } from "../../../application/two-factor/re-authentication.js"
import {
  disableTwoFactor,
  dismissReminder,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "../../../application/two-factor/two-factor-settings.js"
import { sessionOf } from "../sessions/session-of.js"
import { defineRoute } from "../shell/route.js"
import { digits } from "../shell/wire.js"
import {
  Activated,
  CodeSent,
  Disabled,
  Enrollment,
  RecoveryCodes,
  TwoFactorStatus,
  twoFactorStatusExample,
} from "./two-factor-responses.js"

export const tags = ["two-factor authentication"]

const Password = Schema.Struct({ password: Schema.String })

// Secrets and recovery codes are shown once; no cache may keep them.
const noStore = { "cache-control": "no-store" }

const qrPath = (format: "svg" | "png") => `/v1/account/two-factor/enrollment/qr.${format}`

const qrRoute = (format: "svg" | "png") =>
  defineRoute({
    method: "GET",
    path: qrPath(format),
    summary: `The set-up's otpauth URI as a QR code (${format.toUpperCase()})`,
    tags,
    responses: {
      200: {
        description: "A QR code for the authenticator app to scan",
        mediaType: format === "svg" ? "image/svg+xml" : "image/png",
      },
    },
    failures: { AccountNotFound: true, NoEnrollmentInProgress: true, SessionInvalid: true },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(enrollmentQr(session.accountId, format), (image) => ({
          status: 200,
          encoded: image,
          headers: noStore,
        })),
      ),
  })

/** The account's second factor: status, set-up, activation, recovery codes, turning it off. */
export const twoFactorSettingsRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/account/two-factor",
    summary: "2FA status: enabled or not, method, registered e-mail (masked), set-up in progress",
    tags,
    responses: {
      200: {
        description: "The account's two-factor status",
        schema: TwoFactorStatus,
        example: twoFactorStatusExample,
      },
    },
    failures: { AccountNotFound: true, SessionInvalid: true },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(twoFactorStatus(session.accountId), (status) => ({
          status: 200,
          body: { ...status, session: { authenticatedWith: session.authenticatedWith } },
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/verification-email",
    summary: "E-mail a one-time verification code to the registered address (replaces an earlier one)",
    tags,
    responses: {
      202: { description: "Sent: the masked address and when the code expires", schema: CodeSent },
    },
    failures: {
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      RateLimited: verificationEmailLimits,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(sendVerificationEmail(session.accountId, session.metadata), (sent) => ({
          status: 202,
          body: sent,
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/enrollment",
    summary: "Confirm the e-mailed code and get a new secret for the authenticator app",
    tags,
    body: Schema.Struct({ emailCode: digits(6) }),
    responses: {
      201: {
        description: "The secret (grouped for typing), the otpauth URI and its parameters",
        schema: Enrollment,
      },
    },
    failures: {
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      CodeRejected: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(startEnrollment(session.accountId, body.emailCode, session.metadata), (enrollment) => ({
          status: 201,
          body: {
            ...enrollment,
            qrCode: { svg: qrPath("svg"), png: qrPath("png") },
          },
          headers: noStore,
        })),
      ),
  }),
  qrRoute("svg"),
  qrRoute("png"),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/activation",
    summary: "Enable 2FA (or move it to the new device) with a current code from the app",
    tags,
    body: Schema.Struct({ code: digits(6) }),
    responses: {
      200: {
        description: "Enabled; on first enabling, ten recovery codes, shown this once",
        schema: Activated,
      },
    },
    failures: {
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      CodeRejected: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(activate(session.accountId, body.code, session.metadata), (result) => ({
          status: 200,
          body: result,
          headers: noStore,
        })),
      ),
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/account/two-factor",
    summary: "Disable 2FA (the password again); the secret is erased",
    tags,
    body: Password,
    responses: { 200: { description: "Disabled", schema: Disabled } },
    failures: {
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      PasswordIncorrect: true,
      RateLimited: passwordCheckLimits,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(
          disableTwoFactor(session.accountId, { password: body.password }, session.metadata),
          (result) => ({ status: 200, body: result }),
        ),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/recovery-codes",
    summary: "A new set of ten recovery codes (the password again); the old ones stop working",
    tags,
    body: Password,
    responses: { 201: { description: "Ten recovery codes, shown this once", schema: RecoveryCodes } },
    failures: {
      AccountNotFound: true,
      ChallengeLocked: true,
      ChallengeUnknown: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      PasswordIncorrect: true,
      RateLimited: passwordCheckLimits,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(regenerateRecoveryCodes(session.accountId, body.password, session.metadata), (codes) => ({
          status: 201,
          body: codes,
          headers: noStore,
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/reminder-dismissal",
    summary: 'Skip the 2FA recommendation ("I understand the risk")',
    tags,
    responses: { 204: { description: "Logins no longer carry the recommendation" } },
    failures: {
      ChallengeLocked: true,
      ChallengeUnknown: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      SessionInvalid: true,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.as(dismissReminder(session.accountId, session.metadata), { status: 204 }),
      ),
  }),
]
