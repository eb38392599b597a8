import { Schema } from "effect"
import { challengeMethods } from "../../../application/accounts/login-answers.js"
import { Id, Instant } from "../shell/wire.js"

export const DeviceName = Schema.Trim.pipe(Schema.minLength(1), Schema.maxLength(100)).annotations({
  description: "What the account's device list shows: the phone's or the browser's name",
})

/** What a device keeps after sign-in and after each refresh. */
export const AppSessionTokens = Schema.Struct({
  sessionId: Id,
  tokenType: Schema.Literal("Bearer"),
  accessToken: Schema.String.annotations({
    description: "Send it as `Authorization: Bearer …` to the /v1/app routes until accessExpiresAt",
  }),
  accessExpiresAt: Instant,
  refreshToken: Schema.String.annotations({
    description:
      "Works once: trade it at /v1/app-sessions/refresh for the next pair; a reused one ends the session",
  }),
  refreshExpiresAt: Instant,
}).annotations({ identifier: "AppSessionTokens" })

export const appSessionTokensExample = {
  sessionId: "01936f4e-8b1c-7a3e-9f00-5c2d8e7a1b40",
  tokenType: "Bearer",
  accessToken: "01936f4e-8b1c-7a3e-9f00-5c2d8e7a1b40.1764581400.9c1e…",
  accessExpiresAt: "2025-12-01T09:30:00.000Z",
  refreshToken: "01936f4e-8b1c-7a3e-9f00-5c2d8e7a1b40.4f0b…",
  refreshExpiresAt: "2025-12-31T09:15:00.000Z",
}

export const AppSignInChallenge = Schema.Struct({
  twoFactorRequired: Schema.Literal(true),
  challenge: Schema.Struct({
    id: Schema.String.annotations({
      description:
        "A secret: answer it under /v1/app-sessions/challenges/{id}/…; ask for an emergency code at /v1/sessions/challenges/{id}/emergency-code",
    }),
    expiresAt: Instant,
    methods: Schema.Array(Schema.Literal(...challengeMethods)),
  }),
}).annotations({
  identifier: "AppSignInChallenge",
  description: "2FA is on: a second factor completes the sign-in",
})

/** The session an access token belongs to, as the app sees itself. */
export const AppSessionView = Schema.Struct({
  sessionId: Id,
  accountId: Id,
  productId: Id,
  deviceName: Schema.String,
  openedAt: Instant,
  accessExpiresAt: Instant,
}).annotations({ identifier: "AppSession" })

/** A signed-in device as the account lists it: never a token. */
export const AppDevice = Schema.Struct({
  id: Id,
  productId: Id,
  deviceName: Schema.String,
  openedAt: Instant,
  lastRefreshedAt: Instant.annotations({ description: "When the device last traded its refresh token" }),
}).annotations({ identifier: "AppDevice" })

export const AppDevices = Schema.Struct({ items: Schema.Array(AppDevice) }).annotations({
  identifier: "AppDevices",
  description: "The account's signed-in devices, newest first",
})
