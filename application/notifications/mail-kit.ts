/**
 * What every notification mail shares: its languages, the brand, the one renderer (subject, blocks,
 * footer → text and HTML through `mail-layout.ts`), and the greeting, footer and closing blocks. Each
 * mail's copy is a typed `{ ja, en }` table read once by `inLanguage`, so a missing translation is a
 * compile error and the blocks are built once for both languages.
 */
import { formatInstant } from "./mail-dates.js"
import { inLanguage, type Localised, type MailLanguage } from "./mail-language.js"
import { type Block, oneLine, renderLayout } from "./mail-layout.js"

export { inLanguage, type Localised, type MailLanguage } from "./mail-language.js"

export interface RenderedMail {
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** The vendor as the customer knows it; the manual's 「トレンドマイクロ」 and its URLs stand for these. */
export interface Brand {
  readonly name: string
  readonly supportUrl: string
  readonly portalUrl: string
}

/** When something changed: an ISO instant, shown in the account's IANA time zone. */
export interface ChangeTime {
  readonly changedAt: string
  readonly timeZone: string
}

/**
 * The one renderer: every mail is a subject, blocks and a footer in one layout. Every subject has
 * one style, set here: the brand first in the language's brackets (「【Brand】…」, "[Brand] …").
 */
export const compose = (
  language: MailLanguage,
  brand: Brand,
  subject: string,
  blocks: ReadonlyArray<Block>,
  footer: ReadonlyArray<string>,
): RenderedMail => {
  const title = oneLine(inLanguage(language, kitCopy).subject(brand.name, subject))
  return { subject: title, ...renderLayout({ language, title, blocks, footer }) }
}

const kitCopy: Localised<{
  readonly subject: (brand: string, subject: string) => string
  readonly greeting: string
  readonly automatic: string
  readonly questions: string
  readonly notMe: string
  readonly changedAt: string
}> = {
  ja: {
    subject: (brand, subject) => `【${brand}】${subject}`,
    greeting: "お客様へ",
    automatic: "このメッセージは自動的に送信されています。このメッセージには返信しないでください。",
    questions: "ご質問がある場合は、次のWebサイトを参照してください：",
    notMe: "この変更にお心当たりがない場合は、次のWebサイトからサポートにお問い合わせください：",
    changedAt: "変更日時",
  },
  en: {
    subject: (brand, subject) => `[${brand}] ${subject}`,
    greeting: "Dear customer,",
    automatic: "This message was sent automatically. Please do not reply to it.",
    questions: "If you have any questions, please visit:",
    notMe: "If you did not make this change, please contact support:",
    changedAt: "Changed at",
  },
}

export const greeting = (language: MailLanguage): Block => ({
  lines: [inLanguage(language, kitCopy).greeting],
})

export const automaticFooter = (language: MailLanguage, brand: Brand, ...notes: ReadonlyArray<string>) => [
  brand.name,
  ...notes,
  inLanguage(language, kitCopy).automatic,
]

export const supportBlock = (language: MailLanguage, brand: Brand): Block => ({
  lines: [inLanguage(language, kitCopy).questions],
  link: { url: brand.supportUrl },
})

/** "If this was not you, contact support", closing every change notice. */
export const notMeBlock = (language: MailLanguage, brand: Brand): Block => ({
  lines: [inLanguage(language, kitCopy).notMe],
  link: { url: brand.supportUrl },
})

export const changedAtFact = (language: MailLanguage, change: ChangeTime): readonly [string, string] => [
  inLanguage(language, kitCopy).changedAt,
  formatInstant(language, change.changedAt, change.timeZone),
]

/**
 * A notice of a change to the account's security (the second factor, the vault): what happened, when
 * (and any `facts` beside), then "not you?" and where to ask.
 */
export const changeNotice = (
  language: MailLanguage,
  brand: Brand,
  notice: { readonly subject: string; readonly line: string },
  change: ChangeTime,
  facts: ReadonlyArray<readonly [label: string, value: string]> = [],
): RenderedMail =>
  compose(
    language,
    brand,
    notice.subject,
    [
      greeting(language),
      { lines: [notice.line] },
      { facts: [changedAtFact(language, change), ...facts] },
      notMeBlock(language, brand),
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
