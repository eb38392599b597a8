import { Effect } from "effect"
import { AccountNotFound, account, accountStreamId } from "../../domain/accounts/account.js"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import type { Instant } from "../../domain/kernel/index.js"
import { brandOf, mailMessage } from "../accounts/account-mail.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { MailTransport } from "../mail/mail-transport.js"
import { type TwoFactorNotice, twoFactorNotice } from "../notifications/two-factor-emails.js"

/** The account as 2FA needs it: who to mail, in which language and zone. */
export const accountFacts = (accountId: string) =>
  Effect.flatMap(loadAggregate(account, accountStreamId(accountId)), ({ state }) =>
    state._tag === "Active" ? Effect.succeed(state.account) : Effect.fail(new AccountNotFound()),
  )

export type AccountFacts = Effect.Effect.Success<ReturnType<typeof accountFacts>>

/** A change of the second factor, told to every address on the account. */
export const noticeMail = (facts: AccountFacts, notice: TwoFactorNotice, at: Instant) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    const mail = twoFactorNotice(facts.language, brand, notice, { changedAt: at, timeZone: facts.timeZone })
    return mailMessage(yield* MailTransport, allAddresses(facts), mail)
  })
