import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"

// One stream per app session, `app-session-<sessionId>`. A session is one device signed in to one
// product; its refresh tokens form one family, rotated on every refresh. Tokens appear here only as
// keyed digests (application/platform/keyed-digest.ts): the log alone never lets anyone sign in.

/** Why a session ended; the account, support and the sunset each have their own. */
export const AppSessionEndReason = Schema.Literal(
  "signed-out",
  "by-account",
  "reuse-detected",
  "service-ended",
  "support",
)
export type AppSessionEndReason = typeof AppSessionEndReason.Type

export const AppSessionOpened = Schema.TaggedStruct("AppSessionOpened", {
  accountId: Schema.String,
  productId: Schema.String,
  deviceName: Schema.String,
  /** The refresh-token family; every rotation stays in it, and a replay revokes all of it. */
  familyId: Schema.String,
  refreshDigest: Schema.String,
  refreshExpiresAt: Instant,
  at: Instant,
})

/** The presented token is retired and `refreshDigest` becomes the one the device holds. */
export const AppSessionRefreshed = Schema.TaggedStruct("AppSessionRefreshed", {
  generation: Schema.Int,
  refreshDigest: Schema.String,
  refreshExpiresAt: Instant,
  at: Instant,
})

/**
 * A retired refresh token came back: the token was copied, and nobody can tell whether the device
 * or the copier holds the current one, so the family is revoked (AppSessionEnded follows).
 */
export const RefreshTokenReuseDetected = Schema.TaggedStruct("RefreshTokenReuseDetected", {
  familyId: Schema.String,
  replayedGeneration: Schema.Int,
  currentGeneration: Schema.Int,
  at: Instant,
})

export const AppSessionEnded = Schema.TaggedStruct("AppSessionEnded", {
  reason: AppSessionEndReason,
  at: Instant,
})

export type AppSessionEvent =
  | typeof AppSessionOpened.Type
  | typeof AppSessionRefreshed.Type
  | typeof RefreshTokenReuseDetected.Type
  | typeof AppSessionEnded.Type
