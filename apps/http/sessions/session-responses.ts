import { Schema } from "effect"
import { challengeMethods } from "../../../application/accounts/login-answers.js"
import { authenticationMethods } from "../../../application/accounts/session-store.js"
import { Id, Instant, LocalisedText } from "../shell/wire.js"

const AuthenticatedWith = Schema.Literal(...authenticationMethods).annotations({
  description: "How the login that opened the session was completed",
})

const sessionFields = {
  token: Schema.String.annotations({ description: "The bearer token: send it as `Authorization: Bearer …`" }),
  tokenType: Schema.Literal("Bearer"),
  accountId: Id,
  loginId: Schema.String,
  idleExpiresAt: Instant.annotations({ description: "When the session ends unless it is used before" }),
  absoluteExpiresAt: Instant.annotations({ description: "When the session ends however active it is" }),
  authenticatedWith: AuthenticatedWith,
}

/** A login completed by a second factor. */
export const ChallengeSession = Schema.Struct({
  ...sessionFields,
  advice: Schema.optionalWith(
    Schema.Literal("two-factor-setup-again").annotations({
      description: "After an emergency code: lead the user to turn 2FA off and set up the new device",
    }),
    { exact: true },
  ),
}).annotations({ identifier: "ChallengeSession" })

const Recommendation = Schema.Struct({
  title: LocalisedText,
  message: LocalisedText,
  setUp: Schema.String.annotations({ description: "The path that starts the 2FA set-up" }),
  dismiss: Schema.String.annotations({ description: "The path that stops the recommendation" }),
}).annotations({ identifier: "TwoFactorRecommendation" })

export const PasswordSession = Schema.Struct({
  ...sessionFields,
  twoFactor: Schema.Struct({
    enabled: Schema.Literal(false),
    recommendation: Schema.NullOr(Recommendation).annotations({
      description: "Until the customer dismisses it: the recommendation to turn 2FA on",
    }),
  }),
}).annotations({ identifier: "PasswordSession", description: "A session (2FA is off)" })

export const LoginChallenge = Schema.Struct({
  twoFactorRequired: Schema.Literal(true),
  challenge: Schema.Struct({
    id: Schema.String.annotations({
      description: "A secret: answer it under /v1/sessions/challenges/{id}/…",
    }),
    expiresAt: Instant,
    methods: Schema.Array(Schema.Literal(...challengeMethods)),
  }),
}).annotations({
  identifier: "LoginChallenge",
  description: "2FA is on: a second factor completes the login",
})

export const passwordSessionExample: typeof PasswordSession.Type = {
  token: "m3Vq0b9Jb2Xr6Y0c4k1nS8uQ2fT7wZ5aE3dH6jL9pR0",
  tokenType: "Bearer",
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
  loginId: "ecss_sample",
  idleExpiresAt: "2026-12-01T10:00:00.000Z",
  absoluteExpiresAt: "2026-12-01T21:30:00.000Z",
  authenticatedWith: "password",
  twoFactor: {
    enabled: false,
    recommendation: {
      title: { ja: "セキュリティをさらに強化", en: "Strengthen your account's security" },
      message: {
        ja: "アカウントを適切に保護するために、2要素認証をただちに有効にすることを強く推奨します。",
        en: "We strongly recommend turning on two-factor authentication now to protect your account.",
      },
      setUp: "/v1/account/two-factor/verification-email",
      dismiss: "/v1/account/two-factor/reminder-dismissal",
    },
  },
}
