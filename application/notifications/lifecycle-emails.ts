/**
 * The notice that a product ends: when (in the account's zone), what stops, what stays, and what to
 * move to. As the manual's notice of the Password Manager's end says it.
 */
import { formatInstant } from "./mail-dates.js"
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

export interface SunsetFacts {
  readonly productName: string
  readonly successorName: string
  readonly endsAt: string
  readonly timeZone: string
}

const copy: Localised<{
  readonly subject: (product: string) => string
  readonly ends: (product: string, when: string) => string
  readonly stops: string
  readonly stays: string
  readonly next: (successor: string) => string
  readonly endsAt: string
  readonly successor: string
  readonly portal: string
}> = {
  ja: {
    subject: (product) => `${product}のサービス提供終了のお知らせ`,
    ends: (product, when) => `${product}のサービスは${when}に終了します。`,
    stops:
      "終了後、アプリとブラウザ拡張機能は自動的にログアウトされ、再度ログインすることはできません。Web ポータルの保存データは閲覧のみ可能となり、エクスポートはできなくなります。",
    stays:
      "必要なデータは終了前にエクスポートしてください。終了後も後継製品へのデータのインポートは可能です。",
    next: (successor) => `今後は${successor}をご利用ください。`,
    endsAt: "終了日時",
    successor: "後継製品",
    portal: "データの確認とエクスポートは Web ポータルから行えます：",
  },
  en: {
    subject: (product) => `${product} is ending`,
    ends: (product, when) => `${product} ends on ${when}.`,
    stops:
      "From then on, its apps and browser extensions are signed out and cannot sign in again. In the web portal your stored data can be viewed but not changed, and it can no longer be exported.",
    stays:
      "Please export any data you need before the end. Importing it into the successor stays possible afterwards.",
    next: (successor) => `Please move to ${successor}.`,
    endsAt: "Ends at",
    successor: "Successor",
    portal: "You can view and export your data in the web portal:",
  },
}

export const sunsetNotice = (language: MailLanguage, brand: Brand, facts: SunsetFacts): RenderedMail => {
  const text = inLanguage(language, copy)
  const when = formatInstant(language, facts.endsAt, facts.timeZone)
  return compose(
    language,
    brand,
    text.subject(facts.productName),
    [
      greeting(language),
      { lines: [text.ends(facts.productName, when), text.stops, text.stays, text.next(facts.successorName)] },
      {
        facts: [
          [text.endsAt, when],
          [text.successor, facts.successorName],
        ],
      },
      { lines: [text.portal], link: { url: brand.portalUrl } },
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}
