import { Data, Effect } from "effect"
import { PasswordHasher } from "../accounts/password-hasher.js"
import { accountLoginBackoff } from "../accounts/sessions.js"
import { type BackoffPolicy, type QuotaPolicies, quotaOf, Throttle } from "../platform/throttle.js"
import type { AccountFacts } from "./account-facts.js"

/** The password given to confirm a change of the second factor is not the account's. */
export class PasswordIncorrect extends Data.TaggedError("PasswordIncorrect")<{}> {}

/** Wrong passwords given again slow down like logins, on a counter of their own. */
export const passwordCheckBackoff: BackoffPolicy = { ...accountLoginBackoff, name: "password-check" }
/** What the routes that take the password again advertise (`RateLimit-Policy`). */
export const passwordCheckLimits: QuotaPolicies = [quotaOf(passwordCheckBackoff)]

/** The password again, before changing the second factor. */
export const checkPassword = (facts: AccountFacts, password: string) =>
  Effect.gen(function* () {
    const throttle = yield* Throttle
    // Counted before the check, so passwords sent at once get no more checks than one by one.
    const attempt = yield* throttle.reserve(`reauth:${facts.accountId}`, passwordCheckBackoff)
    if (!(yield* (yield* PasswordHasher).verify(facts.passwordHash, password))) {
      return yield* new PasswordIncorrect()
    }
    yield* throttle.clear(attempt.key)
  })
