import { Data, Effect } from "effect"
import { recheckPassword } from "../accounts/password-recheck.js"
import type { AccountFacts } from "./account-facts.js"

export { passwordCheckBackoff, passwordCheckLimits } from "../accounts/password-recheck.js"

/** The password given to confirm a change of the second factor is not the account's. */
export class PasswordIncorrect extends Data.TaggedError("PasswordIncorrect")<{}> {}

/** The password again, before changing the second factor. */
export const checkPassword = (facts: AccountFacts, password: string) =>
  Effect.gen(function* () {
    if (!(yield* recheckPassword(facts.accountId, facts.passwordHash, password))) {
      return yield* new PasswordIncorrect()
    }
  })
