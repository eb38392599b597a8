import { Effect } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import { type Instant, instantFromMillis } from "../../domain/kernel/index.js"
import type { ProductSwitched, SalesChannel } from "../../domain/licensing/license-events.js"
import type { SwitchRules } from "../../domain/switching/switch-rules.js"
import { brandOf, mailMessage } from "../accounts/account-mail.js"
import { findProduct } from "../catalog/catalog-product.js"
import { loadAggregates } from "../event-log/decide-step.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { MailTransport } from "../mail/mail-transport.js"
import type { RenderedMail } from "../notifications/mail-kit.js"
import { switchCompleted } from "../notifications/switch-emails.js"
import { SwitchLedger } from "./switch-ledger.js"
import { switchResultPath } from "./switch-result.js"

/**
 * The mails of one batch's switches, due one after another at `interval` ms from `dueFrom`: the
 * holders are read in one go (their accounts, the target licences they already pay for), and mails
 * that say the same are rendered once.
 */
export const switchMails = (
  rules: SwitchRules,
  switched: ReadonlyArray<{ readonly event: typeof ProductSwitched.Type; readonly today: string }>,
  pace: { readonly dueFrom: number; readonly interval: number },
) =>
  Effect.gen(function* () {
    if (switched.length === 0) return []
    const accountIds = [...new Set(switched.map((s) => s.event.accountId))]
    const accounts = yield* loadAggregates(account, accountIds.map(accountStreamId))
    const paid = yield* (yield* SwitchLedger).paidLicences(accountIds, rules.toProduct)
    const names = {
      from: (yield* findProduct(rules.fromProduct))?.details.names,
      to: (yield* findProduct(rules.toProduct))?.details.names,
    }
    const brand = yield* brandOf
    const transport = yield* MailTransport
    const rendered = new Map<string, RenderedMail>()
    const mails: Array<OutboxMessage> = []
    for (const { event, today } of switched) {
      const holder = accounts.get(accountStreamId(event.accountId))?.state
      // An account erased since its licence was registered has no one to tell.
      if (holder?._tag !== "Active") continue
      const { language } = holder.account
      const others: ReadonlyArray<SalesChannel> = paid
        .filter((p) => p.accountId === event.accountId && p.expiresOn >= today)
        .map((p) => p.channel)
      const key = JSON.stringify([language, event.expiresOn, [...new Set(others)].sort()])
      const mail =
        rendered.get(key) ??
        switchCompleted(language, brand, {
          productName: names.from?.[language] ?? rules.fromProduct,
          successorName: names.to?.[language] ?? rules.toProduct,
          expiresOn: event.expiresOn,
          resultUrl: `${brand.portalUrl}${switchResultPath}`,
          otherLicences: others,
        })
      rendered.set(key, mail)
      const dueAt: Instant = instantFromMillis(pace.dueFrom + (mails.length + 1) * pace.interval)
      mails.push({ ...mailMessage(transport, allAddresses(holder.account), mail), dueAt })
    }
    return mails
  })
