import { Effect } from "effect"
import { type BackoffPolicy, type QuotaPolicies, quotaOf, Throttle } from "../platform/throttle.js"
import { PasswordHasher } from "./password-hasher.js"
import { accountLoginBackoff } from "./sessions.js"

/**
 * The password given again while signed in (to change it, or to change the second factor). Wrong
 * ones slow down like logins, on one counter of the account's own: a stolen session must not let
 * anyone guess the password at full speed.
 */
export const passwordCheckBackoff: BackoffPolicy = { ...accountLoginBackoff, name: "password-check" }
/** What the routes that take the password again advertise (`RateLimit-Policy`). */
export const passwordCheckLimits: QuotaPolicies = [quotaOf(passwordCheckBackoff)]

/** The counter of the account's own: wrong passwords given again, and wrong vault key proofs. */
export const passwordCheckKey = (accountId: string) => `reauth:${accountId}`

/** Whether `password` is the account's; counted before the check, so guesses sent at once get no more checks. */
export const recheckPassword = (accountId: string, passwordHash: string, password: string) =>
  Effect.gen(function* () {
    const throttle = yield* Throttle
    const attempt = yield* throttle.reserve(passwordCheckKey(accountId), passwordCheckBackoff)
    const right = yield* (yield* PasswordHasher).verify(passwordHash, password)
    if (right) yield* throttle.clear(attempt.key)
    return right
  })
