import { Data, Effect } from "effect"
import { PasswordHasher } from "../accounts/password-hasher.js"
import { accountLoginBackoff } from "../accounts/sessions.js"
import { RateLimited, Throttle } from "../platform/throttle.js"
import type { AccountFacts } from "./account-facts.js"

/** The password given to confirm a change of the second factor is not the account's. */
export class PasswordIncorrect extends Data.TaggedError("PasswordIncorrect")<{}> {}

/** The password again, before changing the second factor; wrong ones slow down like logins. */
export const checkPassword = (facts: AccountFacts, password: string) =>
  Effect.gen(function* () {
    const throttle = yield* Throttle
    const key = `reauth:${facts.accountId}`
    const wait = yield* throttle.waitSeconds(key)
    if (wait > 0) return yield* new RateLimited({ retryAfterSeconds: wait })
    if (!(yield* (yield* PasswordHasher).verify(facts.passwordHash, password))) {
      yield* throttle.recordFailure(key, accountLoginBackoff)
      return yield* new PasswordIncorrect()
    }
    yield* throttle.clear(key)
  })
