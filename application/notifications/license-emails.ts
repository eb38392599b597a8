/**
 * The licence mails, sent to the support contact when a key joins an account (docs/research/clp-manual-spec.md
 * §2 Step5, §5.1). Who receives them is the caller's business.
 */
import type { LicenseTerms } from "../../domain/licensing/license-events.js"
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
import type { Block } from "./mail-layout.js"

export interface LicenseSummary extends Pick<LicenseTerms, "seats" | "licenseType"> {
  readonly productName: string
  readonly packageName: string
  /** YYYY-MM-DD: a calendar date, printed as is, never shifted by a time zone. */
  readonly expiresOn: string
  readonly maskedKey: string
}

export interface LicenseMailFacts {
  readonly loginId: string
  /** A business account's company; a personal account has none (and its mail goes to the holder). */
  readonly companyName: string | undefined
  readonly license: LicenseSummary
}

type LicenseMailKind = "registrationComplete" | "productAdded"

interface LicenseMailCopy {
  readonly labels: Readonly<Record<keyof LicenseSummary | "companyName" | "loginId", string>>
  readonly licenseTypes: Readonly<Record<LicenseTerms["licenseType"], string>>
  readonly numbers: string
  readonly thanks: (brand: string) => string
  readonly portal: string
  readonly portalButton: string
  readonly sentTo: string
  readonly sentToHolder: string
  readonly mails: Readonly<
    Record<
      LicenseMailKind,
      {
        readonly subject: (product: string) => string
        readonly news: (product: string) => string
      }
    >
  >
}

const copy: Localised<LicenseMailCopy> = {
  ja: {
    labels: {
      companyName: "会社名",
      loginId: "ログインID",
      productName: "製品/サービス",
      packageName: "パッケージ",
      seats: "シート",
      licenseType: "ライセンス種別",
      expiresOn: "有効期限",
      maskedKey: "製品キー",
    },
    licenseTypes: { full: "製品版", trial: "体験版" },
    numbers: "ja-JP",
    thanks: (brand) => `${brand}製品をご利用いただきありがとうございます。`,
    portal: "ライセンスの確認や製品の追加は、次のポータルから行えます：",
    portalButton: "ポータルにログイン",
    sentTo: "このメールは、サポート窓口として登録されたメールアドレス宛にお送りしています。",
    sentToHolder: "このメールは、アカウントに登録されたメールアドレス宛にお送りしています。",
    mails: {
      registrationComplete: {
        subject: (product) => `${product} 製品登録完了のお知らせ`,
        news: (product) => `アカウントが作成され、${product}のライセンスが追加されました。`,
      },
      productAdded: {
        subject: (product) => `${product} 製品追加のお知らせ`,
        news: (product) => `お客様のアカウントに${product}のライセンスが追加されました。`,
      },
    },
  },
  en: {
    labels: {
      companyName: "Company",
      loginId: "Login ID",
      productName: "Product/service",
      packageName: "Package",
      seats: "Seats",
      licenseType: "Licence type",
      expiresOn: "Expiry date",
      maskedKey: "Product key",
    },
    licenseTypes: { full: "Full", trial: "Trial" },
    numbers: "en-GB",
    thanks: (brand) => `Thank you for choosing ${brand}.`,
    portal: "To view your licences or add products, log in to the portal:",
    portalButton: "Log in to the portal",
    sentTo: "This e-mail was sent to the address registered as the support contact.",
    sentToHolder: "This e-mail was sent to the address registered to your account.",
    mails: {
      registrationComplete: {
        subject: (product) => `${product} registration complete`,
        news: (product) => `Your account has been created and the licence for ${product} has been added.`,
      },
      productAdded: {
        subject: (product) => `${product} added to your account`,
        news: (product) => `A licence for ${product} has been added to your account.`,
      },
    },
  },
}

const licenseFacts = (language: MailLanguage, text: LicenseMailCopy, facts: LicenseMailFacts): Block => {
  const { license } = facts
  const { labels } = text
  return {
    facts: [
      ...(facts.companyName === undefined ? [] : [[labels.companyName, facts.companyName] as const]),
      [labels.loginId, facts.loginId],
      [labels.productName, license.productName],
      [labels.packageName, license.packageName],
      [labels.seats, new Intl.NumberFormat(text.numbers).format(license.seats)],
      [labels.licenseType, text.licenseTypes[license.licenseType]],
      [labels.expiresOn, formatCalendarDate(language, license.expiresOn)],
      [labels.maskedKey, license.maskedKey],
    ],
  }
}

const licenseMail =
  (kind: LicenseMailKind) =>
  (language: MailLanguage, brand: Brand, facts: LicenseMailFacts): RenderedMail => {
    const text = inLanguage(language, copy)
    const product = facts.license.productName
    const mail = text.mails[kind]
    return compose(
      language,
      brand,
      mail.subject(product),
      [
        greeting(language),
        { lines: [text.thanks(brand.name), mail.news(product)] },
        licenseFacts(language, text, facts),
        { lines: [text.portal], link: { url: brand.portalUrl, button: text.portalButton } },
        supportBlock(language, brand),
      ],
      automaticFooter(language, brand, facts.companyName === undefined ? text.sentToHolder : text.sentTo),
    )
  }

/** An account was created with its first key (manual §2 Step5). */
export const registrationComplete = licenseMail("registrationComplete")

/** A key was added to an existing account (manual §5.1). */
export const productAdded = licenseMail("productAdded")
