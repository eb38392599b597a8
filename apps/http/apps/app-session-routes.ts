import { Effect, Schema } from "effect"
import {
  appSessionsOf,
  endAppSession,
  endOwnAppSession,
  refreshAppSession,
} from "../../../application/apps/app-sessions.js"
import { issueEntitlement } from "../../../application/entitlements/issue-entitlement.js"
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
import { sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { invalidCredentialsProblem } from "../sessions/session-routes.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { twoFactorProblems, twoFactorRefusals } from "../two-factor/two-factor-problems.js"
import { appOf } from "./app-of.js"
import { appProblems } from "./app-problems.js"
import { AppDevices, AppSessionTokens, AppSessionView } from "./app-responses.js"
import { appSignInRoutes } from "./app-sign-in-routes.js"
import { noStore, tags, tokensOf } from "./app-tokens.js"

export const appsFeature = defineFeature({
  name: "apps",
  routes: [
    ...appSignInRoutes,
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
