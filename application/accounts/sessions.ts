import { Clock, Data, DateTime, Effect, Encoding, Option } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type BackoffPolicy, RateLimited, Throttle } from "../platform/throttle.js"
import { AccountDirectory } from "./account-directory.js"
import { AccountSettings } from "./account-settings.js"
import { PasswordHasher } from "./password-hasher.js"
import { SessionStore } from "./session-store.js"

/** One answer for an unknown login ID and a wrong password, so the answer reveals no account. */
export class InvalidCredentials extends Data.TaggedError("InvalidCredentials")<{}> {}
/** No session, or one that timed out or was ended. */
export class SessionInvalid extends Data.TaggedError("SessionInvalid")<{}> {}

// Per account: 5 free failures, then 1 s doubling to 60 s, so an hour allows well under 100 guesses
// and never locks the owner out for long. Per address: more room, as offices share one address.
export const accountLoginBackoff: BackoffPolicy = {
  free: 5,
  baseSeconds: 1,
  maxSeconds: 60,
  windowSeconds: 3600,
}
export const addressLoginBackoff: BackoffPolicy = {
  free: 20,
  baseSeconds: 1,
  maxSeconds: 60,
  windowSeconds: 3600,
}

const tokenPurpose = "session-token"

// Verifying against a real hash when the login ID is unknown takes as long as a wrong password.
let decoyHash: string | undefined
const decoy = Effect.gen(function* () {
  decoyHash ??= yield* (yield* PasswordHasher).hash("decoy password for unknown login IDs")
  return decoyHash
})

const iso = (ms: number) => new Date(ms).toISOString()

export interface SignedIn {
  readonly token: string
  readonly accountId: string
  readonly loginId: string
  /** When the session ends if it is not used. */
  readonly idleExpiresAt: string
  readonly absoluteExpiresAt: string
}

/** Password sign-in with growing delays per account and per address, and one generic refusal. */
export const signIn = Effect.fn("Accounts.signIn")(function* (input: {
  readonly loginId: string
  readonly password: string
  readonly address: string
}) {
  const throttle = yield* Throttle
  const hasher = yield* PasswordHasher
  const settings = yield* AccountSettings
  const key = loginIdKey(input.loginId)
  const accountKey = `login:account:${yield* (yield* KeyedDigest).digest("throttle", key)}`
  const addressKey = `login:address:${input.address}`
  const wait = Math.max(yield* throttle.waitSeconds(accountKey), yield* throttle.waitSeconds(addressKey))
  if (wait > 0) return yield* new RateLimited({ retryAfterSeconds: wait })

  const refuse = Effect.gen(function* () {
    yield* throttle.recordFailure(accountKey, accountLoginBackoff)
    yield* throttle.recordFailure(addressKey, addressLoginBackoff)
    return yield* new InvalidCredentials()
  })
  const found = yield* (yield* AccountDirectory).byLoginIdKey(key)
  if (Option.isNone(found)) {
    yield* hasher.verify(yield* decoy, input.password)
    return yield* refuse
  }
  const { state } = yield* loadAggregate(account, accountStreamId(found.value.accountId))
  if (state._tag !== "Active" || !(yield* hasher.verify(state.account.passwordHash, input.password))) {
    return yield* refuse
  }
  yield* throttle.clear(accountKey)

  const now = yield* Clock.currentTimeMillis
  const random = yield* SecureRandom
  const token = Encoding.encodeBase64Url(yield* random.bytes(32))
  const absoluteExpiresAt = iso(now + settings.sessionAbsoluteHours * 3_600_000)
  yield* (yield* SessionStore).create({
    sessionId: yield* random.uuidV7,
    tokenDigest: yield* (yield* KeyedDigest).digest(tokenPurpose, token),
    accountId: found.value.accountId,
    createdAt: iso(now),
    lastSeenAt: iso(now),
    absoluteExpiresAt,
  })
  return {
    token,
    accountId: found.value.accountId,
    loginId: state.account.loginId,
    idleExpiresAt: iso(Math.min(now + settings.sessionIdleMinutes * 60_000, Date.parse(absoluteExpiresAt))),
    absoluteExpiresAt,
  } satisfies SignedIn
})

/** The session behind a bearer token, kept alive by use until its idle or absolute time-out. */
// Untraced: it runs on every authenticated request, and a traced Effect.fn captures a stack trace per call.
export const authenticate = Effect.fnUntraced(function* (token: string) {
  const settings = yield* AccountSettings
  const sessions = yield* SessionStore
  const digest = yield* (yield* KeyedDigest).digest(tokenPurpose, token)
  const found = yield* sessions.findByTokenDigest(digest)
  if (Option.isNone(found)) return yield* new SessionInvalid()
  const session = found.value
  const now = yield* Clock.currentTimeMillis
  const idleEnd = Date.parse(session.lastSeenAt) + settings.sessionIdleMinutes * 60_000
  if (now >= idleEnd || now >= Date.parse(session.absoluteExpiresAt)) {
    yield* sessions.end(session.sessionId)
    return yield* new SessionInvalid()
  }
  // One write a minute at most per session, not one per request.
  if (now - Date.parse(session.lastSeenAt) >= 60_000) yield* sessions.touch(session.sessionId, iso(now))
  return { sessionId: session.sessionId, accountId: session.accountId, at: DateTime.unsafeMake(now) }
})

export const signOut = (sessionId: string) => Effect.flatMap(SessionStore, (s) => s.end(sessionId))
