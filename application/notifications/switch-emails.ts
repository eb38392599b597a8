/**
 * The mail of manual 000 that tells a customer their licence was switched: 「ID プロテクションへの
 * 切り替えが完了しました」, with the new product's last day, the way in, the data import, and — when the
 * account already held a paid licence of the new product — how to cancel the one not needed, by the
 * channel it was bought through.
 */
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { formatCalendarDate } from "./mail-dates.js"
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
} from "./mail-kit.js"

export interface SwitchFacts {
  readonly productName: string
  readonly successorName: string
  /** The switched licence's last day, unchanged by the switch. */
  readonly expiresOn: string
  /** The portal's page of the customer's result, where 「今すぐログインする」 leads. */
  readonly resultUrl: string
  /** The channels of the paid licences of the successor the account held before the switch. */
  readonly otherLicences: ReadonlyArray<SalesChannel>
}

type Copy = {
  readonly subject: (successor: string) => string
  readonly done: (product: string, successor: string) => string
  readonly ready: (successor: string) => string
  readonly data: (product: string, successor: string) => string
  readonly expiresOn: string
  readonly product: string
  readonly signIn: string
  readonly signInButton: string
  readonly second: (successor: string) => string
  readonly cancelBy: Readonly<Record<SalesChannel, string | undefined>>
}

const copy: Localised<Copy> = {
  ja: {
    subject: (successor) => `${successor}への切り替えが完了しました`,
    done: (product, successor) =>
      `ご利用中の${product}のライセンスを${successor}のライセンスに切り替えました。`,
    ready: (successor) =>
      `下記からログインすると「${successor}を利用する準備ができました」が表示されます。[${successor}を開く] から保管庫を有効化してください。`,
    data: (product, successor) =>
      `${product}に保存されているデータは、一部の項目を除き、${successor}にインポートできます。`,
    expiresOn: "有効期限",
    product: "製品",
    signIn: "ログインして切り替えの結果を確認し、保管庫を有効化してください。",
    signInButton: "今すぐログインする",
    second: (successor) =>
      `このアカウントには${successor}のライセンスが複数あります。利用できるサービスに変わりはありませんが、不要なライセンスはお支払い方法に応じて解約してください。`,
    cancelBy: {
      direct: "あんしん自動更新契約：Web ポータルの契約情報から自動更新を停止してください。",
      reseller: "販売店でご購入の場合：ご購入の販売店にお問い合わせください。",
      "monthly-provider":
        "月額版（プロバイダや回線事業者）：ご利用のサービス提供事業者にお問い合わせください。",
      "app-store": "App Store のアプリ内課金：App Store のサブスクリプション設定から解約してください。",
      "google-play": "Google Play のアプリ内課金：Google Play の定期購入の設定から解約してください。",
      free: undefined,
    },
  },
  en: {
    subject: (successor) => `Your licence has been switched to ${successor}`,
    done: (product, successor) => `Your ${product} licence has been switched to a ${successor} licence.`,
    ready: (successor) =>
      `Sign in below and you will see "Ready to use ${successor}". Choose "Open ${successor}" to activate your vault.`,
    data: (product, successor) =>
      `The data stored in ${product} can be imported into ${successor}, except for some item types.`,
    expiresOn: "Valid until",
    product: "Product",
    signIn: "Sign in to see the result of the switch and activate your vault.",
    signInButton: "Sign in now",
    second: (successor) =>
      `This account now holds more than one ${successor} licence. You can use the same service either way; please cancel the licence you do not need through the way you pay for it.`,
    cancelBy: {
      direct: "Auto-renewal contract: turn off the renewal in the web portal's contract details.",
      reseller: "Bought from a reseller: please ask the reseller.",
      "monthly-provider": "Monthly plan (internet provider or carrier): please ask your provider.",
      "app-store": "App Store in-app purchase: cancel the subscription in your App Store settings.",
      "google-play": "Google Play in-app purchase: cancel the subscription in Google Play.",
      free: undefined,
    },
  },
}

export const switchCompleted = (language: MailLanguage, brand: Brand, facts: SwitchFacts): RenderedMail => {
  const text = inLanguage(language, copy)
  const advice = [...new Set(facts.otherLicences)].flatMap((channel) => text.cancelBy[channel] ?? [])
  return compose(
    language,
    brand,
    text.subject(facts.successorName),
    [
      greeting(language),
      {
        lines: [
          text.done(facts.productName, facts.successorName),
          text.ready(facts.successorName),
          text.data(facts.productName, facts.successorName),
        ],
      },
      {
        facts: [
          [text.product, facts.successorName],
          [text.expiresOn, formatCalendarDate(language, facts.expiresOn)],
        ],
      },
      { lines: [text.signIn], link: { url: facts.resultUrl, button: text.signInButton } },
      ...(advice.length === 0 ? [] : [{ lines: [text.second(facts.successorName), ...advice] }]),
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}
