/**
 * The account mails of the Customer Licensing Portal (docs/research/clp-manual-spec.md §4.4, §6). Wording is the
 * manual's where it has any; elsewhere it is what a Japanese B2B vendor would send: 「お客様へ」, short, signed with the
 * vendor's name, and marked as automatic. Who receives which mail is the caller's business.
 */
import { zonedParts } from "./mail-dates.js"
import {
  automaticFooter,
  type Brand,
  type ChangeTime,
  changedAtFact,
  compose,
  greeting,
  inLanguage,
  type Localised,
  type MailLanguage,
  notMeBlock,
  type RenderedMail,
  supportBlock,
} from "./mail-kit.js"
import type { Block } from "./mail-layout.js"

export type AccountPart = "user" | "contractor" | "supportContact"

/**
 * The manual's password-reset mask (§4.4): the first three characters of the local part (all of them when it is
 * shorter), always exactly five `*` so the length is not given away, then `@` and the whole domain.
 */
export const maskEmail = (address: string): string => {
  const at = address.lastIndexOf("@")
  const local = at < 0 ? address : address.slice(0, at)
  const domain = at < 0 ? "" : address.slice(at)
  return Array.from(local).slice(0, 3).join("") + "*****" + domain
}

interface AccountMailCopy {
  readonly parts: Readonly<Record<AccountPart, string>>
  readonly informationChanged: {
    readonly subject: string
    readonly line: (brand: string, part: string) => string
  }
  readonly reset: {
    readonly subject: string
    readonly received: (brand: string) => string
    readonly loginId: string
    readonly setNew: string
    readonly button: string
    readonly validity: (minutes: number) => string
    readonly notAsked: string
  }
  readonly passwordChanged: {
    readonly subject: string
    /** The manual's first line, which the subject was before it took the brand. */
    readonly line: string
    readonly notMe: string
    readonly sentBy: (brand: string) => string
  }
  readonly addressChanged: {
    readonly subject: string
    readonly toOld: (brand: string, maskedNewAddress: string) => string
    readonly contactAtOnce: string
    readonly toNew: (brand: string, newAddress: string) => string
    readonly fromNow: string
  }
}

const copy: Localised<AccountMailCopy> = {
  ja: {
    parts: { user: "ユーザ登録情報", contractor: "ご契約者情報", supportContact: "サポート窓口情報" },
    informationChanged: {
      subject: "アカウント情報が変更されました",
      line: (brand, part) => `お客様の${brand}アカウントの${part}が変更されました。`,
    },
    reset: {
      subject: "パスワードのリセット",
      received: (brand) =>
        `お客様の${brand}アカウントについて、パスワードのリセットのリクエストを受け付けました。`,
      loginId: "ログインID",
      setNew: "次のリンクから新しいパスワードを設定してください：",
      button: "パスワードをリセット",
      validity: (minutes) => `このリンクの有効期限は${minutes}分間です。リンクは1回のみ使用できます。`,
      notAsked:
        "このリクエストにお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
    },
    passwordChanged: {
      subject: "パスワードが変更されました",
      line: "お客様のパスワードが変更されました。",
      notMe:
        "この変更にお心当たりがない場合は、ただちに次のポータルでパスワードをリセットし、サポートにお問い合わせください：",
      sentBy: (brand) =>
        `このメッセージは${brand}の登録サービスから自動的に送信されています。このメッセージには返信しないでください。`,
    },
    addressChanged: {
      subject: "メールアドレス変更のお知らせ",
      toOld: (brand, masked) => `お客様の${brand}アカウントのメールアドレスが ${masked} に変更されました。`,
      contactAtOnce:
        "この変更にお心当たりがない場合は、ただちに次のWebサイトからサポートにお問い合わせください：",
      toNew: (brand, address) =>
        `このメールアドレス（${address}）が、お客様の${brand}アカウントのメールアドレスとして登録されました。`,
      fromNow: "今後、パスワードのリセットなどのご案内はこのアドレスにお送りします。",
    },
  },
  en: {
    parts: {
      user: "user registration details",
      contractor: "contractor details",
      supportContact: "support contact details",
    },
    informationChanged: {
      subject: "Your account information has been changed",
      line: (brand, part) => `The ${part} of your ${brand} account have been changed.`,
    },
    reset: {
      subject: "Reset your password",
      received: (brand) => `We received a request to reset the password of your ${brand} account.`,
      loginId: "Login ID",
      setNew: "Set a new password with this link:",
      button: "Reset your password",
      validity: (minutes) =>
        `The link is valid for ${minutes} ${minutes === 1 ? "minute" : "minutes"} and can be used only once.`,
      notAsked: "If you did not ask for this, ignore this e-mail; your password stays unchanged.",
    },
    passwordChanged: {
      subject: "Your password has been changed",
      line: "Your password has been changed.",
      notMe:
        "If you did not make this change, reset your password on the portal at once and contact support:",
      sentBy: (brand) =>
        `This message was sent automatically by the ${brand} registration service. Please do not reply to it.`,
    },
    addressChanged: {
      subject: "Your e-mail address was changed",
      toOld: (brand, masked) => `The e-mail address of your ${brand} account was changed to ${masked}.`,
      contactAtOnce: "If you did not make this change, contact support at once:",
      toNew: (brand, address) =>
        `This address (${address}) is now the e-mail address of your ${brand} account.`,
      fromNow: "From now on, password resets and other notices will be sent here.",
    },
  },
}

/** User, contractor or support-contact data was saved (manual §6.1, §6.2; the subject in the one style). */
export const accountInformationChanged = (
  language: MailLanguage,
  brand: Brand,
  change: ChangeTime & { readonly part: AccountPart },
): RenderedMail => {
  const text = inLanguage(language, copy)
  return compose(
    language,
    brand,
    text.informationChanged.subject,
    [
      greeting(language),
      { lines: [text.informationChanged.line(brand.name, text.parts[change.part])] },
      { facts: [changedAtFact(language, change)] },
      notMeBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}

/** The manual's reset mail is missing (§4.4 Step4); the login ID is printed because this is how a forgotten one is found. */
export const passwordResetLink = (
  language: MailLanguage,
  brand: Brand,
  reset: { readonly loginId: string; readonly link: string; readonly validMinutes: number },
): RenderedMail => {
  const text = inLanguage(language, copy).reset
  return compose(
    language,
    brand,
    text.subject,
    [
      greeting(language),
      { lines: [text.received(brand.name)] },
      { facts: [[text.loginId, reset.loginId]] },
      { lines: [text.setNew], link: { url: reset.link, button: text.button } },
      { lines: [text.validity(reset.validMinutes), text.notAsked] },
    ],
    automaticFooter(language, brand),
  )
}

/**
 * The manual's body, verbatim (§4.4 Step6), with the brand in place of the vendor's name, URL and copyright holder;
 * added: when it happened, and what to do if it was not the customer. The copyright year is the change's, which
 * keeps the function pure.
 */
export const passwordChanged = (language: MailLanguage, brand: Brand, change: ChangeTime): RenderedMail => {
  const text = inLanguage(language, copy).passwordChanged
  const { year } = zonedParts(change.changedAt, change.timeZone)
  return compose(
    language,
    brand,
    text.subject,
    [
      greeting(language),
      { lines: [text.line] },
      { facts: [changedAtFact(language, change)] },
      { lines: [text.notMe], link: { url: brand.portalUrl } },
      supportBlock(language, brand),
    ],
    [brand.name, `© ${year} ${brand.name}. All rights reserved.`, text.sentBy(brand.name)],
  )
}

/**
 * Sent to both addresses. The old one sees the new address only masked: it may be the mailbox an attacker no longer
 * needs. It is told to contact support rather than reset the password, since a reset mail would now go to the new one.
 */
export const emailAddressChanged = (
  language: MailLanguage,
  brand: Brand,
  change: ChangeTime & {
    readonly recipient: "old" | "new"
    readonly oldAddress: string
    readonly newAddress: string
  },
): RenderedMail => {
  const text = inLanguage(language, copy).addressChanged
  const changedAt: Block = { facts: [changedAtFact(language, change)] }
  const news: ReadonlyArray<Block> =
    change.recipient === "old"
      ? [
          { lines: [text.toOld(brand.name, maskEmail(change.newAddress))] },
          changedAt,
          { lines: [text.contactAtOnce], link: { url: brand.supportUrl } },
        ]
      : [
          { lines: [text.toNew(brand.name, change.newAddress), text.fromNow] },
          changedAt,
          notMeBlock(language, brand),
        ]
  return compose(
    language,
    brand,
    text.subject,
    [greeting(language), ...news],
    automaticFooter(language, brand),
  )
}
