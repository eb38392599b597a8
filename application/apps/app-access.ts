import { Effect, Option } from "effect"
import { type Instant, instantFromMillis, toMillis } from "../../domain/kernel/index.js"
import { SessionInvalid } from "../accounts/sessions.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { AppSessionDirectory } from "./app-session-directory.js"

/**
 * An access token's life (decision 53): short, so a stolen one is worth little, and long enough that
 * an app refreshes a few times an hour at most.
 */
export const accessTokenLife = 15 * 60_000
const accessTokenPurpose = "app-access-token"

// `<sessionId>.<expiry in seconds>.<MAC>`: the server keeps nothing per token; the MAC (a keyed
// digest of the rest) proves this server issued it, and every use still reads the session, so a
// device signed out or ended by the sunset loses its access at once, not when the token expires.
const macOf = (sessionId: string, expSeconds: number) =>
  Effect.flatMap(KeyedDigest, (digests) => digests.digest(accessTokenPurpose, `${sessionId}.${expSeconds}`))

export interface AccessToken {
  readonly accessToken: string
  readonly accessExpiresAt: Instant
}

/** A fresh access token for an open session, issued at sign-in and at every refresh. */
export const issueAccessToken = (sessionId: string, at: Instant) =>
  Effect.gen(function* () {
    const expSeconds = Math.floor((toMillis(at) + accessTokenLife) / 1000)
    const mac = yield* macOf(sessionId, expSeconds)
    return {
      accessToken: `${sessionId}.${expSeconds}.${mac}`,
      accessExpiresAt: instantFromMillis(expSeconds * 1000),
    } satisfies AccessToken
  })

/** Compares two digests in time that does not depend on where they first differ. */
const sameDigest = (a: string, b: string) => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

/** The open app session behind an access token; its product must still offer app access. */
export const authenticateApp = Effect.fnUntraced(function* (token: string) {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token)
  if (match === null) return yield* new SessionInvalid()
  const [, sessionId, exp, mac] = match as unknown as [string, string, string, string]
  const expSeconds = Number(exp)
  const at = yield* now
  if (toMillis(at) >= expSeconds * 1000) return yield* new SessionInvalid()
  if (!sameDigest(mac, yield* macOf(sessionId, expSeconds))) return yield* new SessionInvalid()
  const found = yield* (yield* AppSessionDirectory).byId(sessionId)
  if (Option.isNone(found)) return yield* new SessionInvalid()
  const session = found.value
  // The product's end first: an app whose session the sunset ended learns why, and where to go.
  const phase = yield* requireCapability(session.productId, "app.access", at)
  if (session.endedAt !== undefined) return yield* new SessionInvalid()
  return {
    sessionId,
    accountId: session.accountId,
    productId: session.productId,
    deviceName: session.deviceName,
    openedAt: session.openedAt,
    accessExpiresAt: instantFromMillis(expSeconds * 1000),
    /** The product's phase as this request read it, for the request's next gate. */
    phase,
  }
})
