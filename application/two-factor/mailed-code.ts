import { Effect } from "effect"
import { holderAddress } from "../../domain/accounts/contact-addresses.js"
import { brandOf, sealedMailMessage } from "../accounts/account-mail.js"
import { maskEmailForTwoFactor, type twoFactorVerificationCode } from "../notifications/two-factor-emails.js"
import { type RateLimit, takeWithin } from "../platform/throttle.js"
import type { AccountFacts } from "./account-facts.js"
import { codeDigest, randomDigits } from "./two-factor-codes.js"

/**
 * A new code of `length` digits for the registered address, within `budget` counted under `budgetKey`:
 * its keyed digest for the log, and the mail, sealed, for the outbox.
 */
export const mailedCode = (
  facts: AccountFacts,
  code: {
    readonly budget: RateLimit
    readonly budgetKey: string
    readonly length: number
    readonly purpose: string
    readonly validMs: number
    readonly letter: typeof twoFactorVerificationCode
  },
) =>
  Effect.gen(function* () {
    yield* takeWithin(code.budgetKey, code.budget)
    const digits = yield* randomDigits(code.length)
    const mail = code.letter(facts.language, yield* brandOf, {
      code: digits,
      validMinutes: code.validMs / 60_000,
    })
    return {
      digest: yield* codeDigest(code.purpose, digits),
      mail: yield* sealedMailMessage([holderAddress(facts)], mail),
      sentTo: maskEmailForTwoFactor(holderAddress(facts)),
    }
  })
