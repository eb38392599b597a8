import { Effect, Schema } from "effect"
import { challengeMethods } from "../../../application/accounts/login-answers.js"
import { answerAppChallenge, signInApp } from "../../../application/apps/app-sign-in.js"
import type { ChallengeAnswer } from "../../../application/two-factor/login-challenge.js"
import { TypedRecoveryCode } from "../../../application/two-factor/two-factor-codes.js"
import { addressOf, customerMetadata } from "../sessions/session-of.js"
import { passwordLoginFailures } from "../sessions/session-routes.js"
import { defineRoute } from "../shell/route.js"
import { digits, Id } from "../shell/wire.js"
import { challengeAnswerFailures } from "../two-factor/login-challenge-routes.js"
import { LoginCodeRejected } from "../two-factor/two-factor-problems.js"
import { AppSessionTokens, AppSignInChallenge, appSessionTokensExample, DeviceName } from "./app-responses.js"
import { noStore, tags, tokensOf } from "./app-tokens.js"

// An app's sign-in: the portal's password step and 2FA challenge, for one product and device.

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

/** Sign-in and the answers to its challenge; the feature is in app-session-routes.ts. */
export const appSignInRoutes = [
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
  answerRoute("totp", "totp", "Complete an app's sign-in with a code from the authenticator app", digits(6)),
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
]
