import { Data, Effect, Layer } from "effect"
import {
  type AppSessionCommand,
  AppSessionUnknown,
  appSession,
  appSessionStreamId,
} from "../../domain/apps/app-session.js"
import type { AppSessionEndReason } from "../../domain/apps/app-session-events.js"
import { type EventMetadata, type Instant, plusMillis } from "../../domain/kernel/index.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { ProductAppSessions } from "../catalog/product-app-sessions.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import type { EventStore } from "../event-log/event-store.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type AccessToken, issueAccessToken } from "./app-access.js"
import { AppSessionDirectory } from "./app-session-directory.js"

/** The refresh token's life: a phone used once a month stays signed in (decision 48). */
export const refreshTokenLife = 30 * 86_400_000
/** The purpose refresh tokens are digested under; the server keeps only the digest. */
export const refreshTokenPurpose = "app-refresh-token"

// A refresh token is `<sessionId>.<secret>`: the session id names the stream to load, the secret
// (32 random bytes, hex) is what only the device holds. Only the digest of the whole token is kept.
const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")

const newRefreshToken = (sessionId: string, at: Instant) =>
  Effect.gen(function* () {
    const token = `${sessionId}.${hex(yield* (yield* SecureRandom).bytes(32))}`
    const digest = yield* (yield* KeyedDigest).digest(refreshTokenPurpose, token)
    return { token, digest, expiresAt: plusMillis(at, refreshTokenLife) }
  })

/** The session a refresh token names; a token of any other shape names none. */
export const sessionIdOf = (refreshToken: string): string | undefined => {
  const match = /^([0-9a-f-]{36})\.[0-9a-f]{64}$/.exec(refreshToken)
  return match?.[1]
}

const run = (sessionId: string, command: AppSessionCommand, metadata: EventMetadata) =>
  runCommand(appSession, appSessionStreamId(sessionId), command, { metadata })

/**
 * A retired refresh token came back: the session is ended (recorded before this is answered), and
 * the device must sign in again.
 */
export class RefreshTokenReused extends Data.TaggedError("RefreshTokenReused")<{}> {}

/** What a device holds after sign-in or a refresh; both tokens only ever appear here. */
export interface AppSessionTokens extends AccessToken {
  readonly sessionId: string
  readonly refreshToken: string
  readonly refreshExpiresAt: Instant
}

/** Opens a session for a device of an account whose sign-in (password, 2FA) the caller has checked. */
export const openAppSession = (
  input: { readonly accountId: string; readonly productId: string; readonly deviceName: string },
  metadata: EventMetadata,
) =>
  Effect.gen(function* () {
    const at = yield* now
    yield* requireCapability(input.productId, "app.sign-in", at)
    const sessionId = yield* (yield* SecureRandom).uuidV7
    const refresh = yield* newRefreshToken(sessionId, at)
    yield* run(
      sessionId,
      {
        _tag: "Open",
        ...input,
        familyId: sessionId,
        refreshDigest: refresh.digest,
        refreshExpiresAt: refresh.expiresAt,
        at,
      },
      metadata,
    ).pipe(
      // The id was drawn a moment ago: its stream holds nothing yet, so no rule or race can refuse.
      Effect.orDie,
    )
    return {
      sessionId,
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
      ...(yield* issueAccessToken(sessionId, at)),
    } satisfies AppSessionTokens
  })

/**
 * Trades the current refresh token for the next one. A retired token ends the session (the decider's
 * reuse rule, answered as `RefreshTokenReused` once the end is recorded); racing refreshes with one
 * token meet on the stream version, so at most one wins.
 */
export const refreshAppSession = (refreshToken: string, metadata: EventMetadata) =>
  Effect.gen(function* () {
    const sessionId = sessionIdOf(refreshToken) ?? "unknown"
    const at = yield* now
    const loaded = yield* loadAggregate(appSession, appSessionStreamId(sessionId))
    if (loaded.state._tag !== "Absent") yield* requireCapability(loaded.state.productId, "app.refresh", at)
    const presentedDigest = yield* (yield* KeyedDigest).digest(refreshTokenPurpose, refreshToken)
    const next = yield* newRefreshToken(sessionId, at)
    const result = yield* runCommand(
      appSession,
      appSessionStreamId(sessionId),
      { _tag: "Refresh", presentedDigest, nextDigest: next.digest, nextExpiresAt: next.expiresAt, at },
      { metadata, loaded },
    ).pipe(Effect.catchTag("AppSessionAlreadyOpened", Effect.die))
    if (result.events.some((event) => event._tag === "RefreshTokenReuseDetected")) {
      return yield* new RefreshTokenReused()
    }
    return {
      sessionId,
      refreshToken: next.token,
      refreshExpiresAt: next.expiresAt,
      ...(yield* issueAccessToken(sessionId, at)),
    } satisfies AppSessionTokens
  })

// Ending is refused only for a session that never was; the refresh rules cannot apply to it.
const endCannot = {
  AppSessionAlreadyOpened: Effect.die,
  AppSessionHasEnded: Effect.die,
  RefreshTokenInvalid: Effect.die,
  RefreshTokenExpired: Effect.die,
} as const

/** Ends one session; ending an ended one changes nothing. */
export const endAppSession = (sessionId: string, reason: AppSessionEndReason, metadata: EventMetadata) =>
  Effect.gen(function* () {
    yield* run(sessionId, { _tag: "End", reason, at: yield* now }, metadata).pipe(Effect.catchTags(endCannot))
  })

/** The account's signed-in devices, newest first. */
export const appSessionsOf = (accountId: string) =>
  Effect.flatMap(AppSessionDirectory, (directory) => directory.ofAccount(accountId))

/** The account signs one of its devices out; another account's session is as unknown as none. */
export const endOwnAppSession = (accountId: string, sessionId: string, metadata: EventMetadata) =>
  Effect.gen(function* () {
    const loaded = yield* loadAggregate(appSession, appSessionStreamId(sessionId))
    if (loaded.state._tag === "Absent" || loaded.state.accountId !== accountId) {
      return yield* new AppSessionUnknown()
    }
    yield* runCommand(
      appSession,
      appSessionStreamId(sessionId),
      { _tag: "End", reason: "by-account", at: yield* now },
      { metadata, loaded },
    ).pipe(Effect.catchTags(endCannot))
  })

const batch = 200

/** The sunset's last job: every open session of the product, `service-ended`, page by page. */
export const endAllAppSessionsOf = (productId: string, metadata: EventMetadata) =>
  Effect.gen(function* () {
    const directory = yield* AppSessionDirectory
    const accounts = new Set<string>()
    let sessions = 0
    for (;;) {
      const open = yield* directory.openOf(productId, batch)
      for (const session of open) {
        yield* endAppSession(session.sessionId, "service-ended", metadata)
        accounts.add(session.accountId)
        sessions++
      }
      if (open.length < batch) return { accounts: accounts.size, sessions }
    }
  })

/** The port the sunset's job calls, built on this feature's event store and read model. */
export const ProductAppSessionsLive = Layer.effect(
  ProductAppSessions,
  Effect.map(Effect.context<AppSessionDirectory | EventStore>(), (context) => ({
    endAllOf: (productId: string, metadata: EventMetadata) =>
      // A conflict means someone else ended or refreshed the session meanwhile: the job's retry
      // finds it ended, or ends it then.
      endAllAppSessionsOf(productId, metadata).pipe(Effect.provide(context), Effect.orDie),
  })),
)
