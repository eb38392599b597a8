import { Effect, Schema } from "effect"
import { completeLogin } from "../../../application/accounts/login-answers.js"
import {
  type ChallengeAnswer,
  challengeAnswerLimits,
  emergencyCodeLimits,
  sendEmergencyCode,
} from "../../../application/two-factor/login-challenge.js"
import { challengeLockPolicy, TypedRecoveryCode } from "../../../application/two-factor/two-factor-codes.js"
import { customerMetadata } from "../sessions/session-of.js"
import { ChallengeSession } from "../sessions/session-responses.js"
import { defineRoute } from "../shell/route.js"
import { digits } from "../shell/wire.js"
import { LoginCodeRejected } from "./two-factor-problems.js"
import { CodeSent } from "./two-factor-responses.js"
import { tags } from "./two-factor-routes.js"

const ChallengeParams = Schema.Struct({ id: Schema.String })

/** What answering a login's challenge can fail with, in the portal's login and an app's sign-in. */
export const challengeAnswerFailures = {
  ChallengeLocked: [challengeLockPolicy],
  ChallengeUnknown: true,
  LoginCodeRejected: true,
  EmergencyCodeNotIssued: true,
  IdempotencyKeyReused: true,
  NoEnrollmentInProgress: true,
  RateLimited: challengeAnswerLimits,
  StreamVersionConflict: true,
  TwoFactorNotEnabled: true,
  VerificationRequired: true,
} as const

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
    secretParams: ["id"],
    body: Schema.Struct({ code }),
    responses: { 201: { description: "The login is complete: a bearer token", schema: ChallengeSession } },
    failures: challengeAnswerFailures,
    handler: ({ params, body, request }) =>
      completeLogin(params.id, { method, code: body.code }, customerMetadata(request)).pipe(
        Effect.catchTag(
          "CodeRejected",
          (error) => new LoginCodeRejected({ attemptsLeft: error.attemptsLeft }),
        ),
        Effect.map((session) => ({ status: 201, body: session })),
      ),
  })

/** The second step of a login with 2FA on: a code from the app, an e-mailed emergency code, a recovery code. */
export const loginChallengeRoutes = [
  answerRoute("totp", "totp", "Complete a login with a code from the authenticator app", digits(6)),
  defineRoute({
    method: "POST",
    path: "/v1/sessions/challenges/:id/emergency-code",
    summary: "Lost device: e-mail a one-time emergency access code for this login",
    tags,
    auth: "none",
    params: ChallengeParams,
    secretParams: ["id"],
    responses: {
      202: { description: "Sent: the masked address and when the code expires", schema: CodeSent },
    },
    failures: {
      ChallengeLocked: [challengeLockPolicy],
      ChallengeUnknown: true,
      EmergencyCodeNotIssued: true,
      IdempotencyKeyReused: true,
      NoEnrollmentInProgress: true,
      RateLimited: emergencyCodeLimits,
      StreamVersionConflict: true,
      TwoFactorNotEnabled: true,
      VerificationRequired: true,
    },
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
  answerRoute("recovery", "recovery", "Complete a login with one of the recovery codes", TypedRecoveryCode),
]
