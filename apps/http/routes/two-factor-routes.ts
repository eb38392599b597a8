import { Effect, Schema } from "effect"
import type { SignedIn } from "../../../application/accounts/sessions.js"
import {
  activate,
  enrollmentQr,
  sendVerificationEmail,
  startEnrollment,
} from "../../../application/two-factor/enrollment.js"
import {
  answerChallenge,
  type ChallengeAnswer,
  sendEmergencyCode,
} from "../../../application/two-factor/login-challenge.js"
import {
  disableTwoFactor,
  dismissReminder,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "../../../application/two-factor/two-factor-settings.js"
import { defineRoute } from "../shell/route.js"
import { customerMetadata, sessionOf } from "./session-of.js"

const tags = ["Two-factor authentication"]

const digits = (count: number) =>
  Schema.String.pipe(
    Schema.filter((code) => new RegExp(`^\\s*\\d{${count}}\\s*$`).test(code), {
      message: () => `must be ${count} digits`,
    }),
  )
const Password = Schema.Struct({ password: Schema.String })
const ChallengeParams = Schema.Struct({ id: Schema.String })

/** What a completed login answers, whichever factor completed it. */
export const sessionBody = (session: SignedIn) => ({ ...session, tokenType: "Bearer" })

const answerRoute = (
  method: ChallengeAnswer["method"],
  path: string,
  summary: string,
  code: Schema.Schema<string>,
) =>
  defineRoute({
    method: "POST",
    path: `/v1/sessions/challenges/:id/${path}`,
    summary,
    tags,
    auth: "none",
    params: ChallengeParams,
    body: Schema.Struct({ code }),
    responses: { 201: { description: "The login is complete: a bearer token" } },
    handler: ({ params, body, request }) =>
      Effect.map(
        answerChallenge(params.id, { method, code: body.code }, customerMetadata(request)),
        (session) => ({
          status: 201,
          body:
            method === "emergency"
              ? {
                  ...sessionBody(session),
                  // The client leads its user to turn 2FA off and set it up again on the new device.
                  advice: "two-factor-setup-again",
                }
              : sessionBody(session),
        }),
      ),
  })

export const twoFactorRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/account/two-factor",
    summary: "2FA status: enabled or not, method, registered e-mail (masked), set-up in progress",
    tags,
    responses: { 200: { description: "The account's two-factor status" } },
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
    responses: { 202: { description: "Sent: the masked address and when the code expires" } },
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
      201: { description: "The secret (grouped for typing), the otpauth URI and its parameters" },
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(startEnrollment(session.accountId, body.emailCode, session.metadata), (enrollment) => ({
          status: 201,
          body: {
            ...enrollment,
            qrCode: {
              svg: "/v1/account/two-factor/enrollment/qr.svg",
              png: "/v1/account/two-factor/enrollment/qr.png",
            },
          },
          // The secret is shown once; no cache may keep it.
          headers: { "cache-control": "no-store" },
        })),
      ),
  }),
  ...(["svg", "png"] as const).map((format) =>
    defineRoute({
      method: "GET",
      path: `/v1/account/two-factor/enrollment/qr.${format}`,
      summary: `The set-up's otpauth URI as a QR code (${format.toUpperCase()})`,
      tags,
      responses: { 200: { description: "A QR code for the authenticator app to scan" } },
      handler: ({ request }) =>
        Effect.flatMap(sessionOf(request), (session) =>
          Effect.map(enrollmentQr(session.accountId, format), (image) => ({
            status: 200,
            encoded: image,
            headers: {
              "content-type": format === "svg" ? "image/svg+xml" : "image/png",
              "cache-control": "no-store",
            },
          })),
        ),
    }),
  ),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/activation",
    summary: "Enable 2FA (or move it to the new device) with a current code from the app",
    tags,
    body: Schema.Struct({ code: digits(6) }),
    responses: {
      200: { description: "Enabled; on first enabling, ten recovery codes, shown this once" },
    },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(activate(session.accountId, body.code, session.metadata), (result) => ({
          status: 200,
          body: result,
          headers: { "cache-control": "no-store" },
        })),
      ),
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/account/two-factor",
    summary: "Disable 2FA (the password again); the secret is erased",
    tags,
    body: Password,
    responses: { 200: { description: "Disabled" } },
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
    responses: { 201: { description: "Ten recovery codes, shown this once" } },
    handler: ({ body, request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.map(regenerateRecoveryCodes(session.accountId, body.password, session.metadata), (codes) => ({
          status: 201,
          body: codes,
          headers: { "cache-control": "no-store" },
        })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/account/two-factor/reminder-dismissal",
    summary: 'Skip the 2FA recommendation ("I understand the risk")',
    tags,
    responses: { 204: { description: "Logins no longer carry the recommendation" } },
    handler: ({ request }) =>
      Effect.flatMap(sessionOf(request), (session) =>
        Effect.as(dismissReminder(session.accountId, session.metadata), { status: 204 }),
      ),
  }),
  answerRoute("totp", "totp", "Complete a login with a code from the authenticator app", digits(6)),
  defineRoute({
    method: "POST",
    path: "/v1/sessions/challenges/:id/emergency-code",
    summary: "Lost device: e-mail a one-time emergency access code for this login",
    tags,
    auth: "none",
    params: ChallengeParams,
    responses: { 202: { description: "Sent: the masked address and when the code expires" } },
    handler: ({ params, request }) =>
      Effect.map(sendEmergencyCode(params.id, customerMetadata(request)), (sent) => ({
        status: 202,
        body: sent,
      })),
  }),
  answerRoute(
    "emergency",
    "emergency",
    "Complete a login with the e-mailed emergency access code",
    digits(8),
  ),
  answerRoute(
    "recovery",
    "recovery",
    "Complete a login with one of the recovery codes",
    Schema.String.pipe(Schema.maxLength(64)),
  ),
]
