import { Effect } from "effect"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import type { Instant } from "../../domain/kernel/index.js"
import { brandOf, mailMessage } from "../accounts/account-mail.js"
import { AccountSettings } from "../accounts/account-settings.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { MailTransport } from "../mail/mail-transport.js"
import { provisioningReady, updateFailedForNow, updateFinished } from "../notifications/instance-emails.js"
import { accountFacts } from "../two-factor/account-facts.js"

/** The name the product-instance list shows for an Apex One SaaS instance. */
export const instanceName = "Trend Micro Apex One as a Service"
export const updatedProductName = "Standard Endpoint Protection"

export type InstanceMail =
  | { readonly _tag: "Ready" }
  | { readonly _tag: "Finished"; readonly consoleUsers: number }
  | { readonly _tag: "FailedForNow"; readonly retryAt: Instant }

/**
 * One of the saga's mails to the account, rendered now in its language and zone; none for an
 * account erased since (no one to tell). Written only by the append that records the step.
 */
export const instanceMail = (accountId: string, mail: InstanceMail) =>
  Effect.gen(function* () {
    const facts = yield* accountFacts(accountId)
    const brand = yield* brandOf
    const settings = yield* AccountSettings
    const base = { instanceName, instancesUrl: `${settings.publicUrl}/instances` }
    const rendered =
      mail._tag === "Ready"
        ? provisioningReady(facts.language, brand, base)
        : mail._tag === "Finished"
          ? updateFinished(facts.language, brand, {
              ...base,
              productName: updatedProductName,
              consoleUsers: mail.consoleUsers,
            })
          : updateFailedForNow(facts.language, brand, {
              ...base,
              retryAt: mail.retryAt,
              timeZone: facts.timeZone,
            })
    return [mailMessage(yield* MailTransport, allAddresses(facts), rendered)] as ReadonlyArray<OutboxMessage>
  }).pipe(Effect.catchTag("AccountNotFound", () => Effect.succeed([] as ReadonlyArray<OutboxMessage>)))
