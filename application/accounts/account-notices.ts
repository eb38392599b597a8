import { Effect, Option, Schema } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import type { Instant } from "../../domain/kernel/index.js"
import { CalendarDate, SalesChannel } from "../../domain/licensing/license-events.js"
import { findProduct } from "../catalog/catalog-product.js"
import { loadAggregate } from "../event-log/decide-step.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { defineJobChannel, enqueue } from "../jobs/job-channel.js"
import { done, handleChannel } from "../jobs/job-handler.js"
import { queuedElsewhere, sendForJob } from "../mail/mail-channel.js"
import { MailTransportName } from "../mail/mail-transport.js"
import { Mailer } from "../mail/mailer.js"
import type { RenderedMail } from "../notifications/mail-kit.js"
import { switchCompleted } from "../notifications/switch-emails.js"
import { brandOf } from "./account-mail.js"

// Mail to an account that is written in bulk (a switch run queues one per licence of a whole customer
// base): the job carries the account and the facts, and is addressed and rendered when it is
// delivered, with the account's addresses and language of that moment. The run then writes a small
// row per mail, not a rendered text and HTML, and reads no account at all.

/** Manual 000's 「切り替えが完了しました」: a licence moved to its successor, with the same last day. */
export const SwitchCompletedNotice = Schema.TaggedStruct("SwitchCompleted", {
  fromProduct: Schema.String,
  toProduct: Schema.String,
  expiresOn: CalendarDate,
  /** The channels of the successor's paid licences the account held when it was switched. */
  otherLicences: Schema.Array(SalesChannel),
  /** The portal page the mail's 「今すぐログインする」 leads to. */
  resultPath: Schema.String,
})

export const AccountNotice = Schema.Union(SwitchCompletedNotice)
export type AccountNotice = typeof AccountNotice.Type

export const noticeChannel = defineJobChannel(
  "notice",
  Schema.Struct({
    accountId: Schema.String,
    notice: AccountNotice,
    transport: Schema.optionalWith(MailTransportName, { exact: true }),
  }),
)

/** A notice to an account, due at `dueAt`, for the transport this process is configured with. */
export const noticeMessage = (
  transport: MailTransportName,
  accountId: string,
  notice: AccountNotice,
  dueAt?: Instant,
): OutboxMessage => enqueue(noticeChannel, { accountId, notice, transport }, dueAt ? { dueAt } : {})

const productNames = (productId: string) =>
  Effect.map(findProduct(productId), (product) => product?.details.names ?? { ja: productId, en: productId })

/**
 * The notice as the mail it is now: to the account's addresses, in its language. None when the
 * account is no longer there to be told (erased since).
 */
export const renderNotice = (accountId: string, notice: AccountNotice) =>
  Effect.gen(function* () {
    const holder = (yield* loadAggregate(account, accountStreamId(accountId))).state
    if (holder._tag !== "Active") return Option.none()
    const { language } = holder.account
    const brand = yield* brandOf
    const mail: RenderedMail = switchCompleted(language, brand, {
      productName: (yield* productNames(notice.fromProduct))[language],
      successorName: (yield* productNames(notice.toProduct))[language],
      expiresOn: notice.expiresOn,
      resultUrl: `${brand.portalUrl}${notice.resultPath}`,
      otherLicences: notice.otherLicences,
    })
    return Option.some({ to: allAddresses(holder.account), mail })
  })

/** Renders each notice when it is due and sends it as any mail is sent. */
export const noticeJobHandler = handleChannel(noticeChannel, (payload, job) =>
  Effect.gen(function* () {
    const mailer = yield* Mailer
    const elsewhere = queuedElsewhere(payload.transport, mailer)
    if (elsewhere) return elsewhere
    const rendered = yield* renderNotice(payload.accountId, payload.notice)
    if (Option.isNone(rendered)) return done("the account is gone: nothing to send")
    const { to, mail } = rendered.value
    return yield* sendForJob(mailer, { to, subject: mail.subject, text: mail.text, html: mail.html }, job.id)
  }),
)
