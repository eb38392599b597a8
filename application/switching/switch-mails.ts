import { Effect } from "effect"
import { instantFromMillis } from "../../domain/kernel/index.js"
import type { ProductSwitched, SalesChannel } from "../../domain/licensing/license-events.js"
import type { SwitchRules } from "../../domain/switching/switch-rules.js"
import { noticeMessage } from "../accounts/account-notices.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { MailTransport } from "../mail/mail-transport.js"
import { SwitchLedger } from "./switch-ledger.js"
import { switchResultPath } from "./switch-result.js"

/**
 * The mails of one batch's switches, due one after another at `interval` ms from `dueFrom`. Each is a
 * notice to the holder, addressed and rendered when it is sent; what the run knows and the mail says
 * is written with it: the new last day, and the successor's paid licences the holder already had
 * (for all of the batch's holders in one read).
 */
export const switchMails = (
  rules: SwitchRules,
  switched: ReadonlyArray<{ readonly event: typeof ProductSwitched.Type; readonly today: string }>,
  pace: { readonly dueFrom: number; readonly interval: number },
) =>
  Effect.gen(function* () {
    if (switched.length === 0) return []
    const accountIds = [...new Set(switched.map((s) => s.event.accountId))]
    const paid = yield* (yield* SwitchLedger).paidLicences(accountIds, rules.toProduct)
    const transport = yield* MailTransport
    return switched.map(({ event, today }, index): OutboxMessage => {
      const others: ReadonlyArray<SalesChannel> = paid
        .filter((p) => p.accountId === event.accountId && p.expiresOn >= today)
        .map((p) => p.channel)
      const notice = {
        _tag: "SwitchCompleted" as const,
        fromProduct: rules.fromProduct,
        toProduct: rules.toProduct,
        expiresOn: event.expiresOn,
        otherLicences: [...new Set(others)].sort(),
        resultPath: switchResultPath,
      }
      return noticeMessage(
        transport,
        event.accountId,
        notice,
        instantFromMillis(pace.dueFrom + (index + 1) * pace.interval),
      )
    })
  })
