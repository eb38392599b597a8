import { Effect, Schema } from "effect"
import { logIn } from "../../../application/accounts/login-answers.js"
import { signInLimits, signOut } from "../../../application/accounts/sessions.js"
import { challengeLockPolicy } from "../../../application/two-factor/two-factor-codes.js"
import { defineFeature } from "../shell/feature.js"
import type { ProblemMapping } from "../shell/problem.js"
import { defineRoute } from "../shell/route.js"
import { twoFactorRefusals } from "../two-factor/two-factor-problems.js"
import { addressOf, customerMetadata, sessionOf } from "./session-of.js"
import { sessionProblems } from "./session-problems.js"
import { LoginChallenge, PasswordSession, passwordSessionExample } from "./session-responses.js"

const tags = ["sessions"]

/** What the password step of a login can fail with, in the portal's login and an app's sign-in. */
export const passwordLoginFailures = {
  // With 2FA on, a login locked by wrong codes is refused before a challenge is opened.
  ChallengeLocked: [challengeLockPolicy],
  ChallengeUnknown: true,
  EmergencyCodeNotIssued: true,
  IdempotencyKeyReused: true,
  InvalidCredentials: true,
  NoEnrollmentInProgress: true,
  RateLimited: signInLimits,
  StreamVersionConflict: true,
  TwoFactorNotEnabled: true,
  VerificationRequired: true,
} as const

/** The one refusal of a wrong login ID or password, for the portal's login and an app's sign-in. */
export const invalidCredentialsProblem = {
  status: 401,
  slug: "invalid-credentials",
  title: "Login failed",
  detail: () => "The login ID or the password is incorrect.",
} satisfies ProblemMapping

// This API's own links beside the recommendation's copy.
const recommendationLinks = {
  setUp: "/v1/account/two-factor/verification-email",
  dismiss: "/v1/account/two-factor/reminder-dismissal",
}

export const sessionsFeature = defineFeature({
  name: "sessions",
  routes: [
    defineRoute({
      method: "POST",
      path: "/v1/sessions",
      summary: "Log in with login ID and password",
      tags,
      auth: "none",
      body: Schema.Struct({ loginId: Schema.String, password: Schema.String }),
      bodyExample: { loginId: "ecss_sample", password: "Kagi2Mori#Tsuki" },
      responses: {
        201: {
          description: "A bearer token, its expiry, and (while 2FA is off) the recommendation to turn it on",
          schema: PasswordSession,
          example: passwordSessionExample,
        },
        200: { description: "2FA is on: a challenge to answer with a second factor", schema: LoginChallenge },
      },
      failures: passwordLoginFailures,
      handler: ({ body, request }) =>
        Effect.map(
          logIn({ ...body, address: addressOf(request), metadataFor: customerMetadata(request) }),
          (login) => {
            if (login._tag === "TwoFactorRequired") return { status: 200, body: login.answer }
            const { recommendation } = login.answer.twoFactor
            const twoFactor = {
              enabled: false,
              recommendation: recommendation && { ...recommendation, ...recommendationLinks },
            }
            return { status: 201, body: { ...login.answer, twoFactor } }
          },
        ),
    }),
    defineRoute({
      method: "DELETE",
      path: "/v1/sessions/current",
      summary: "Log out",
      tags,
      responses: { 204: { description: "The session has ended" } },
      failures: { SessionInvalid: true },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          yield* signOut(session.sessionId)
          return { status: 204 }
        }),
    }),
  ],
  problems: {
    ...sessionProblems,
    InvalidCredentials: invalidCredentialsProblem,
    ...twoFactorRefusals,
  },
})
