import type { AppSessionTokens } from "../../../application/apps/app-sessions.js"

// What the apps feature's routes share: their tag, and the tokens as a device receives them.

export const tags = ["apps"]

/** The tokens as the wire carries them (`AppSessionTokens` in app-responses.ts). */
export const tokensOf = (tokens: AppSessionTokens) => ({
  sessionId: tokens.sessionId,
  tokenType: "Bearer" as const,
  accessToken: tokens.accessToken,
  accessExpiresAt: tokens.accessExpiresAt,
  refreshToken: tokens.refreshToken,
  refreshExpiresAt: tokens.refreshExpiresAt,
})

// Tokens are credentials: no cache along the way may keep them.
export const noStore = { "cache-control": "no-store" }
