/**
 * The mail of a completed switch (manual 000): 「ID プロテクションへの切り替えが完了しました」 with
 * the link to sign in and see "ready to use", the licence's last day, the data import, and, when the
 * account already held licences of the target, which one to cancel and where, by how it was bought.
 * A pure template: the switch's run renders it and puts it in the outbox with the licence's event.
 */
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { formatCalendarDate } from "../notifications/mail-dates.js"
import {
  automaticFooter,
  type Brand,
  compose,
  greeting,
  inLanguage,
  type Localised,
  type MailLanguage,
  type RenderedMail,
  supportBlock,
} from "../notifications/mail-kit.js"

/** Another licence of the target on the account, as the advice on cancelling one reads it. */
export interface OtherLicence {
  readonly channel: SalesChannel
  /** Its last valid day. */
  readonly expiresOn: string
}

export interface SwitchCompletedFacts {
  /** The source product's name, in the mail's language. */
  readonly productName: string
  /** The target's name, in the mail's language. */
  readonly successorName: string
  /** The switched licence's last day (the source licence's, unchanged). */
  readonly expiresOn: string
  /** The account's zone, named beside the days: a licence ends at the end of its day there. */
  readonly timeZone?: string
  /** Where the customer signs in and sees the result ("ready to use"). */
  readonly signInUrl: string
  /** The target's licences the account held before the switch; empty for most. */
  readonly otherLicences: ReadonlyArray<OtherLicence>
}

interface SwitchCopy {
  readonly subject: (successor: string) => string
  readonly done: (product: string, successor: string) => string
  readonly ready: (successor: string) => string
  readonly signIn: string
  readonly signInButton: string
  readonly product: string
  readonly switchedFrom: string
  readonly expiresOn: string
  readonly data: (product: string, successor: string) => string
  readonly several: (successor: string) => string
  readonly other: (expiresOn: string) => string
  /** How to cancel the licence bought through each channel (the manual lists provider and stores). */
  readonly cancel: Readonly<Record<SalesChannel, string>>
}

const copy: Localised<SwitchCopy> = {
  ja: {
    subject: (successor) => `${successor}への切り替えが完了しました`,
    done: (product, successor) => `${product}から${successor}へのライセンスの切り替えが完了しました。`,
    ready: (successor) =>
      `${successor}を利用する準備ができました。次のボタンからログインし、[${successor}を開く] を選択してください。`,
    signIn: "ログインして切り替えの結果を確認する：",
    signInButton: "今すぐログインする",
    product: "製品/サービス",
    switchedFrom: "切り替え前の製品",
    expiresOn: "有効期限",
    data: (product, successor) =>
      `${product}に保存されているデータは、一部の項目を除き、${successor}の保管庫にインポートできます。`,
    several: (successor) =>
      `このアカウントには、${successor}のライセンスが複数あります。ひとつのアカウントに複数のライセンスがあっても、利用可能なサービスに変化はありません。不要なライセンスは、お使いの支払い方法を確認のうえ解約してください。`,
    other: (expiresOn) => `有効期限 ${expiresOn} のライセンス`,
    cancel: {
      direct: "Web ポータルで自動更新を停止してください。",
      "monthly-provider":
        "月額版（プロバイダや回線事業者）でお申し込みのため、ご利用のサービス提供事業者へお問い合わせください。",
      "app-store": "App Store のアプリ内課金のため、App Store のサブスクリプション設定から解約してください。",
      "google-play":
        "Google Play のアプリ内課金のため、Google Play ストアの定期購入の設定から解約してください。",
      reseller: "販売店からご購入のため、ご購入の販売店へお問い合わせください。",
      free: "無料版のため、解約の手続きは必要ありません。",
    },
  },
  en: {
    subject: (successor) => `Your switch to ${successor} is complete`,
    done: (product, successor) => `Your licence has been switched from ${product} to ${successor}.`,
    ready: (successor) =>
      `You are ready to use ${successor}. Sign in with the button below and choose "Open ${successor}".`,
    signIn: "Sign in to see the result of your switch:",
    signInButton: "Sign in now",
    product: "Product/service",
    switchedFrom: "Switched from",
    expiresOn: "Expiry date",
    data: (product, successor) =>
      `The data stored in ${product} can be imported into the ${successor} vault, except for some items.`,
    several: (successor) =>
      `Your account now holds more than one ${successor} licence. Several licences on one account change nothing in the service you can use. Please cancel the one you do not need through the way you pay for it.`,
    other: (expiresOn) => `The licence valid until ${expiresOn}`,
    cancel: {
      direct: "Stop its automatic renewal in the web portal.",
      "monthly-provider":
        "It is a monthly plan through your provider or carrier: please contact that provider.",
      "app-store": "It is an App Store in-app purchase: cancel the subscription in the App Store.",
      "google-play": "It is a Google Play in-app purchase: cancel the subscription in the Google Play Store.",
      reseller: "It was bought from a reseller: please contact the reseller.",
      free: "It is the free edition: there is nothing to cancel.",
    },
  },
}

/** A day as the mail prints it, with the account's zone when it is known. */
const day = (language: MailLanguage, isoDate: string, timeZone: string | undefined) =>
  `${formatCalendarDate(language, isoDate)}${timeZone === undefined ? "" : ` (${timeZone})`}`

export const switchCompletedMail = (
  language: MailLanguage,
  brand: Brand,
  facts: SwitchCompletedFacts,
): RenderedMail => {
  const text = inLanguage(language, copy)
  const { productName: product, successorName: successor } = facts
  const several =
    facts.otherLicences.length === 0
      ? []
      : [
          { lines: [text.several(successor)] },
          {
            lines: facts.otherLicences.map(
              (other) =>
                `${text.other(day(language, other.expiresOn, facts.timeZone))}: ${text.cancel[other.channel]}`,
            ),
          },
        ]
  return compose(
    language,
    brand,
    text.subject(successor),
    [
      greeting(language),
      { lines: [text.done(product, successor), text.ready(successor)] },
      { lines: [text.signIn], link: { url: facts.signInUrl, button: text.signInButton } },
      {
        facts: [
          [text.product, successor],
          [text.switchedFrom, product],
          [text.expiresOn, day(language, facts.expiresOn, facts.timeZone)],
        ],
      },
      { lines: [text.data(product, successor)] },
      ...several,
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}
