import { Effect } from "effect"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import type { Instant } from "../../domain/kernel/index.js"
import { brandOf, mailMessage } from "../accounts/account-mail.js"
import { MailTransport } from "../mail/mail-transport.js"
import { type VaultNotice, vaultNotice } from "../notifications/vault-emails.js"
import type { AccountFacts } from "../two-factor/account-facts.js"

/** A change to the vault as an outbox message to every address on the account, in its language and zone. */
export const vaultNoticeMail = (facts: AccountFacts, notice: VaultNotice, at: Instant, deviceName?: string) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    const mail = vaultNotice(facts.language, brand, notice, {
      changedAt: at,
      timeZone: facts.timeZone,
      ...(deviceName === undefined ? {} : { deviceName }),
    })
    return mailMessage(yield* MailTransport, allAddresses(facts), mail)
  })
