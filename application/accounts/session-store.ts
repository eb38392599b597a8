import { Context, type Effect, type Option } from "effect"

/**
 * A signed-in session. The bearer token itself is never stored: only its SHA-256 digest, so a copy
 * of the database does not let anyone sign in.
 */
export interface Session {
  readonly sessionId: string
  readonly accountId: string
  readonly createdAt: string
  readonly lastSeenAt: string
  /** The session ends here however active it is. */
  readonly absoluteExpiresAt: string
  readonly authenticatedWith: AuthenticatedWith
}

/** How the login that opened a session was completed. */
export const authenticationMethods = ["password", "totp", "emergency-code", "recovery-code"] as const
export type AuthenticatedWith = (typeof authenticationMethods)[number]

export interface SessionStoreApi {
  readonly create: (session: Session & { readonly tokenDigest: string }) => Effect.Effect<void>
  readonly findByTokenDigest: (tokenDigest: string) => Effect.Effect<Option.Option<Session>>
  readonly touch: (sessionId: string, at: string) => Effect.Effect<void>
  readonly end: (sessionId: string) => Effect.Effect<void>
  /** Sessions past their absolute expiry or idle since `idleSince`; answers how many ended. */
  readonly endExpired: (now: string, idleSince: string) => Effect.Effect<number>
  /** After a password change or reset: every session of the account, everywhere. */
  readonly endAllOf: (accountId: string) => Effect.Effect<number>
}

export class SessionStore extends Context.Tag("application/SessionStore")<SessionStore, SessionStoreApi>() {}
