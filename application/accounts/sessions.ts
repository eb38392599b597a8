import { Data, DateTime, Effect, Encoding, Option } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import {
  type EventMetadata,
  type Instant,
  instantFromMillis,
  plusMillis,
  toMillis,
} from "../../domain/kernel/index.js"
import {
  isReminderDismissed,
  isTwoFactorOn,
  twoFactor,
  twoFactorStreamId,
} from "../../domain/two-factor/two-factor.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type BackoffPolicy, type QuotaPolicies, quotaOf, Throttle } from "../platform/throttle.js"
import { issueLoginChallenge } from "../two-factor/issue-challenge.js"
import { AccountDirectory } from "./account-directory.js"
import { AccountSettings } from "./account-settings.js"
import { PasswordHasher } from "./password-hasher.js"
import { type AuthenticatedWith, SessionStore } from "./session-store.js"

/** One answer for an unknown login ID and a wrong password, so the answer reveals no account. */
export class InvalidCredentials extends Data.TaggedError("InvalidCredentials")<{}> {}
/** No session, or one that timed out or was ended. */
export class SessionInvalid extends Data.TaggedError("SessionInvalid")<{}> {}

// Per account: 5 free failures, then 1 s doubling to 60 s, so an hour allows well under 100 guesses
// and never locks the owner out for long. Per address: more room, as offices share one address.
export const accountLoginBackoff: BackoffPolicy = {
  name: "login-account",
  free: 5,
  baseSeconds: 1,
  maxSeconds: 60,
  windowSeconds: 3600,
}
export const addressLoginBackoff: BackoffPolicy = {
  name: "login-address",
  free: 20,
  baseSeconds: 1,
  maxSeconds: 60,
  windowSeconds: 3600,
}

/** The throttles of a password login, as its answers advertise them (`RateLimit-Policy`). */
export const signInLimits: QuotaPolicies = [quotaOf(accountLoginBackoff), quotaOf(addressLoginBackoff)]

const tokenPurpose = "session-token"

// Verifying against a real hash when the login ID is unknown takes as long as a wrong password.
let decoyHash: string | undefined
const decoy = Effect.gen(function* () {
  decoyHash ??= yield* (yield* PasswordHasher).hash("decoy password for unknown login IDs")
  return decoyHash
})

export interface SignedIn {
  readonly token: string
  readonly accountId: string
  readonly loginId: string
  /** When the session ends if it is not used. */
  readonly idleExpiresAt: Instant
  readonly absoluteExpiresAt: Instant
  readonly authenticatedWith: AuthenticatedWith
}

export type SignInResult =
  | ({ readonly _tag: "SignedIn"; readonly twoFactorReminder: boolean } & SignedIn)
  | { readonly _tag: "TwoFactorRequired"; readonly challengeId: string; readonly expiresAt: string }

/** The throttle key of an account's logins: failures of either factor count against it. */
export const accountThrottleKey = (loginId: string) =>
  Effect.map(
    Effect.flatMap(KeyedDigest, (digests) => digests.digest("throttle", loginIdKey(loginId))),
    (digest) => `login:account:${digest}`,
  )

/** What a complete login opens: a portal session, or an app session for one device. */
export type SessionOpener<S, E, R> = (
  accountId: string,
  loginId: string,
  authenticatedWith: AuthenticatedWith,
) => Effect.Effect<S, E, R>

export type CredentialsResult<S> =
  | { readonly _tag: "SignedIn"; readonly session: S; readonly twoFactorReminder: boolean }
  | { readonly _tag: "TwoFactorRequired"; readonly challengeId: string; readonly expiresAt: string }

/**
 * The password step of every login, with growing delays per account and per address and one generic
 * refusal. With 2FA off it opens what `open` opens; with 2FA on, the password opens a challenge
 * (answered in `login-challenge.ts`) instead.
 */
export const checkCredentials = <S, E, R>(
  input: {
    readonly loginId: string
    readonly password: string
    readonly address: string
    readonly metadataFor: (accountId: string) => EventMetadata
  },
  open: SessionOpener<S, E, R>,
) =>
  Effect.gen(function* () {
    const throttle = yield* Throttle
    const hasher = yield* PasswordHasher
    const key = loginIdKey(input.loginId)
    // Counted as failures before the password is checked, so parallel guesses get no more checks
    // than sequential ones; a right password gives its reservations back.
    const accountTry = yield* throttle.reserve(yield* accountThrottleKey(input.loginId), accountLoginBackoff)
    const addressTry = yield* throttle
      .reserve(`login:address:${input.address}`, addressLoginBackoff)
      .pipe(Effect.tapError(() => throttle.release(accountTry)))

    const found = yield* (yield* AccountDirectory).byLoginIdKey(key)
    if (Option.isNone(found)) {
      yield* hasher.verify(yield* decoy, input.password)
      return yield* new InvalidCredentials()
    }
    const accountId = found.value.accountId
    const { state } = yield* loadAggregate(account, accountStreamId(accountId))
    if (state._tag !== "Active" || !(yield* hasher.verify(state.account.passwordHash, input.password))) {
      return yield* new InvalidCredentials()
    }
    yield* throttle.release(addressTry)
    const secondFactor = yield* loadAggregate(twoFactor, twoFactorStreamId(accountId))
    if (isTwoFactorOn(secondFactor.state)) {
      // The account's failures are cleared only when the second factor is passed too.
      yield* throttle.release(accountTry)
      const challenge = yield* issueLoginChallenge(accountId, input.metadataFor(accountId))
      return { _tag: "TwoFactorRequired", ...challenge } satisfies CredentialsResult<S>
    }
    yield* throttle.clear(accountTry.key)
    const session = yield* open(accountId, state.account.loginId, "password")
    return {
      _tag: "SignedIn",
      session,
      twoFactorReminder: !isReminderDismissed(secondFactor.state),
    } satisfies CredentialsResult<S>
  })

/** Password sign-in to the portal: a session, or with 2FA on a challenge. */
export const signIn = Effect.fn("Accounts.signIn")(function* (input: Parameters<typeof checkCredentials>[0]) {
  const result = yield* checkCredentials(input, openSession)
  if (result._tag === "TwoFactorRequired") return result
  return {
    _tag: "SignedIn",
    ...result.session,
    twoFactorReminder: result.twoFactorReminder,
  } satisfies SignInResult
})

/** A new session for an account whose login is complete; the token is only in the answer. */
export const openSession = Effect.fnUntraced(function* (
  accountId: string,
  loginId: string,
  authenticatedWith: AuthenticatedWith,
) {
  const settings = yield* AccountSettings
  const at = yield* now
  const random = yield* SecureRandom
  const token = Encoding.encodeBase64Url(yield* random.bytes(32))
  const absoluteExpiresAt = plusMillis(at, settings.sessionAbsoluteHours * 3_600_000)
  yield* (yield* SessionStore).create({
    sessionId: yield* random.uuidV7,
    tokenDigest: yield* (yield* KeyedDigest).digest(tokenPurpose, token),
    accountId,
    createdAt: at,
    lastSeenAt: at,
    absoluteExpiresAt,
    authenticatedWith,
  })
  return {
    token,
    accountId,
    loginId,
    idleExpiresAt: instantFromMillis(
      Math.min(toMillis(at) + settings.sessionIdleMinutes * 60_000, toMillis(absoluteExpiresAt)),
    ),
    absoluteExpiresAt,
    authenticatedWith,
  } satisfies SignedIn
})

/**
 * How stale a session's recorded last use may be: not one write per request, but a tenth of the idle
 * time at most (a minute at most), so a session in use never looks idle for more than that fraction.
 */
export const touchInterval = (idleMillis: number): number => Math.min(60_000, idleMillis / 10)

/** The session behind a bearer token, kept alive by use until its idle or absolute time-out. */
// Untraced: it runs on every authenticated request, and a traced Effect.fn captures a stack trace per call.
export const authenticate = Effect.fnUntraced(function* (token: string) {
  const settings = yield* AccountSettings
  const sessions = yield* SessionStore
  const digest = yield* (yield* KeyedDigest).digest(tokenPurpose, token)
  const found = yield* sessions.findByTokenDigest(digest)
  if (Option.isNone(found)) return yield* new SessionInvalid()
  const session = found.value
  const at = yield* now
  const nowMillis = toMillis(at)
  const idleMillis = settings.sessionIdleMinutes * 60_000
  const lastSeen = Date.parse(session.lastSeenAt)
  if (nowMillis >= lastSeen + idleMillis || nowMillis >= Date.parse(session.absoluteExpiresAt)) {
    yield* sessions.end(session.sessionId)
    return yield* new SessionInvalid()
  }
  if (nowMillis - lastSeen >= touchInterval(idleMillis)) yield* sessions.touch(session.sessionId, at)
  return {
    sessionId: session.sessionId,
    accountId: session.accountId,
    authenticatedWith: session.authenticatedWith,
    at: DateTime.unsafeMake(nowMillis),
  }
})

export const signOut = (sessionId: string) => Effect.flatMap(SessionStore, (s) => s.end(sessionId))
