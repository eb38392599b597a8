import { Effect, Schema } from "effect"
import { challengeMethods } from "../../../application/accounts/login-answers.js"
import {
  type AppSessionTokens as AppSessionTokensIssued,
  appSessionsOf,
  endAppSession,
  endOwnAppSession,
  refreshAppSession,
} from "../../../application/apps/app-sessions.js"
import { answerAppChallenge, signInApp } from "../../../application/apps/app-sign-in.js"
import { issueEntitlement } from "../../../application/entitlements/issue-entitlement.js"
import type { ChallengeAnswer } from "../../../application/two-factor/login-challenge.js"
import { TypedRecoveryCode } from "../../../application/two-factor/two-factor-codes.js"
import { RefreshTokenInvalid } from "../../../domain/apps/app-session.js"
import { accountProblems } from "../accounts/account-problems.js"
import { productNotFoundProblem } from "../catalog/catalog-routes.js"
import {
  entitlementAnswer,
  entitlementFailures,
  entitlementProblems,
  SignedEntitlement,
} from "../entitlements/entitlement-routes.js"
import { phaseProblems } from "../lifecycle/lifecycle-problems.js"
import { addressOf, customerMetadata, sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { invalidCredentialsProblem, passwordLoginFailures } from "../sessions/session-routes.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { digits, Id } from "../shell/wire.js"
import { challengeAnswerFailures } from "../two-factor/login-challenge-routes.js"
import { LoginCodeRejected, twoFactorProblems, twoFactorRefusals } from "../two-factor/two-factor-problems.js"
import { appOf } from "./app-of.js"
import { appProblems } from "./app-problems.js"
import {
  AppDevices,
  AppSessionTokens,
  AppSessionView,
  AppSignInChallenge,
  appSessionTokensExample,
  DeviceName,
} from "./app-responses.js"

const tags = ["apps"]

const tokensOf = (tokens: AppSessionTokensIssued) => ({
  sessionId: tokens.sessionId,
  tokenType: "Bearer" as const,
  accessToken: tokens.accessToken,
  accessExpiresAt: tokens.accessExpiresAt,
  refreshToken: tokens.refreshToken,
  refreshExpiresAt: tokens.refreshExpiresAt,
})

// Tokens are credentials: no cache along the way may keep them.
const noStore = { "cache-control": "no-store" }

const Target = { productId: Id, deviceName: DeviceName }

const answerRoute = (
  method: ChallengeAnswer["method"],
  path: string,
  summary: string,
  code: Schema.Schema<string>,
) =>
  defineRoute({
    method: "POST",
    path: `/v1/app-sessions/challenges/:id/${path}`,
    summary,
    description: "The product and device are named again, as at the sign-in the challenge answers.",
    tags,
    auth: "none",
    params: Schema.Struct({ id: Schema.String }),
    secretParams: ["id"],
    body: Schema.Struct({ code, ...Target }),
    responses: {
      201: { description: "The sign-in is complete: the device's tokens", schema: AppSessionTokens },
    },
    failures: { ...challengeAnswerFailures, ProductNotFound: true, ServiceEnded: true },
    handler: ({ params, body, request }) =>
      answerAppChallenge(
        params.id,
        { method, code: body.code },
        { productId: body.productId, deviceName: body.deviceName },
        customerMetadata(request),
      ).pipe(
        Effect.catchTag(
          "CodeRejected",
          (error) => new LoginCodeRejected({ attemptsLeft: error.attemptsLeft }),
        ),
        Effect.map((tokens) => ({ status: 201, body: tokensOf(tokens), headers: noStore })),
      ),
  })

export const appsFeature = defineFeature({
  name: "apps",
  routes: [
    defineRoute({
      method: "POST",
      path: "/v1/app-sessions",
      summary: "Sign an app in for one product on one device",
      description:
        "A mobile app or browser extension signs in with the account's login ID (or e-mail address) and password. With 2FA on, the answer is a challenge, answered under /v1/app-sessions/challenges/{id}/….",
      tags,
      auth: "none",
      body: Schema.Struct({ loginId: Schema.String, password: Schema.String, ...Target }),
      bodyExample: {
        loginId: "hanako@example.jp",
        password: "Kagi2Mori#Tsuki",
        productId: "password-manager",
        deviceName: "Hanako's iPhone",
      },
      responses: {
        201: {
          description: "Signed in: an access token and a refresh token",
          schema: AppSessionTokens,
          example: appSessionTokensExample,
        },
        200: {
          description: "2FA is on: a challenge to answer with a second factor",
          schema: AppSignInChallenge,
        },
      },
      failures: { ...passwordLoginFailures, ProductNotFound: true, ServiceEnded: true },
      handler: ({ body, request }) =>
        Effect.map(
          signInApp({ ...body, address: addressOf(request), metadataFor: customerMetadata(request) }),
          (result) =>
            result._tag === "TwoFactorRequired"
              ? {
                  status: 200,
                  body: {
                    twoFactorRequired: true,
                    challenge: {
                      id: result.challengeId,
                      expiresAt: result.expiresAt,
                      methods: challengeMethods,
                    },
                  },
                }
              : { status: 201, body: tokensOf(result.session), headers: noStore },
        ),
    }),
    answerRoute(
      "totp",
      "totp",
      "Complete an app's sign-in with a code from the authenticator app",
      digits(6),
    ),
    answerRoute(
      "emergency",
      "emergency",
      "Complete an app's sign-in with the e-mailed emergency access code",
      digits(8),
    ),
    answerRoute(
      "recovery",
      "recovery",
      "Complete an app's sign-in with one of the recovery codes",
      TypedRecoveryCode,
    ),
    defineRoute({
      method: "POST",
      path: "/v1/app-sessions/refresh",
      summary: "Trade the refresh token for a new access token and refresh token",
      description:
        "Each refresh token works once. Presenting one that was already traded ends the session (refresh-token-reused): whoever holds the newer one, device or thief, must sign in again.",
      tags,
      auth: "none",
      body: Schema.Struct({ refreshToken: Schema.String }),
      responses: { 200: { description: "The next pair of tokens", schema: AppSessionTokens } },
      failures: {
        AppSessionHasEnded: true,
        IdempotencyKeyReused: true,
        RefreshTokenExpired: true,
        RefreshTokenInvalid: true,
        RefreshTokenReused: true,
        ServiceEnded: true,
        StreamVersionConflict: true,
      },
      handler: ({ body, request }) =>
        refreshAppSession(body.refreshToken, {
          actor: { kind: "system", id: "app-refresh" },
          requestId: request.id,
        }).pipe(
          Effect.catchTag("AppSessionUnknown", () => new RefreshTokenInvalid()),
          Effect.map((tokens) => ({ status: 200, body: tokensOf(tokens), headers: noStore })),
        ),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/app/session",
      summary: "The app session the access token belongs to",
      tags,
      auth: "app",
      responses: { 200: { description: "The session", schema: AppSessionView } },
      failures: { ServiceEnded: true, SessionInvalid: true },
      handler: ({ request }) =>
        Effect.map(appOf(request), (app) => ({
          status: 200,
          body: {
            sessionId: app.sessionId,
            accountId: app.accountId,
            productId: app.productId,
            deviceName: app.deviceName,
            openedAt: app.openedAt,
            accessExpiresAt: app.accessExpiresAt,
          },
        })),
    }),
    defineRoute({
      method: "DELETE",
      path: "/v1/app/session",
      summary: "Sign the app out: its access and refresh tokens stop working",
      tags,
      auth: "app",
      responses: { 204: { description: "Signed out" } },
      failures: {
        AppSessionUnknown: true,
        IdempotencyKeyReused: true,
        ServiceEnded: true,
        SessionInvalid: true,
        StreamVersionConflict: true,
      },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const app = yield* appOf(request)
          yield* endAppSession(app.sessionId, "signed-out", app.metadata)
          return { status: 204 }
        }),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/app/entitlement",
      summary: "What the account may use of the app's product today, signed for offline checks",
      description:
        "As GET /v1/account/entitlements/{productId}, for the session's product; the token's `sid` names the session.",
      tags,
      auth: "app",
      responses: { 200: { description: "The signed entitlement", schema: SignedEntitlement } },
      failures: entitlementFailures,
      handler: ({ request }) =>
        Effect.gen(function* () {
          const app = yield* appOf(request)
          return entitlementAnswer(
            yield* issueEntitlement({
              accountId: app.accountId,
              productId: app.productId,
              appSessionId: app.sessionId,
              phase: app.phase,
            }),
          )
        }),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/account/app-sessions",
      summary: "The account's signed-in devices (app sessions)",
      tags,
      responses: { 200: { description: "Open app sessions, newest first", schema: AppDevices } },
      failures: { SessionInvalid: true },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          const sessions = yield* appSessionsOf(session.accountId)
          return {
            status: 200,
            body: {
              items: sessions.map((s) => ({
                id: s.sessionId,
                productId: s.productId,
                deviceName: s.deviceName,
                openedAt: s.openedAt,
                lastRefreshedAt: s.lastRefreshedAt,
              })),
            },
          }
        }),
    }),
    defineRoute({
      method: "DELETE",
      path: "/v1/account/app-sessions/:id",
      summary: "Sign one of the account's devices out",
      tags,
      params: Schema.Struct({ id: Schema.String }),
      // The id opens every refresh token of the device: logs show the path without it.
      secretParams: ["id"],
      responses: { 204: { description: "The device is signed out (or already was)" } },
      failures: {
        AppSessionUnknown: true,
        IdempotencyKeyReused: true,
        SessionInvalid: true,
        StreamVersionConflict: true,
      },
      handler: ({ params, request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          yield* endOwnAppSession(session.accountId, params.id, session.metadata)
          return { status: 204 }
        }),
    }),
  ],
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ...twoFactorRefusals,
    ...appProblems,
    ...entitlementProblems,
    LoginCodeRejected: twoFactorProblems.LoginCodeRejected,
    InvalidCredentials: invalidCredentialsProblem,
    ServiceEnded: phaseProblems.ServiceEnded,
    ProductNotFound: productNotFoundProblem,
  },
})
