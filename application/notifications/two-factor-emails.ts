/**
 * Two-factor authentication e-mails as pure functions (the 2FA manual, 003): the set-up's verification
 * code, the one-time emergency access code, and notices when 2FA is enabled, disabled, moved to a
 * new device, or used to log in with an emergency code. Codes are in the body only, never the subject.
 */
import {
  automaticFooter,
  type Brand,
  type ChangeTime,
  changeNotice,
  compose,
  greeting,
  inLanguage,
  type Localised,
  type MailLanguage,
  type RenderedMail,
} from "./mail-kit.js"
import type { Block } from "./mail-layout.js"

// Second-level labels under which organisations register (example.co.jp, example.com.au): they are
// shown with the top-level one, as the manual shows `.co.jp`.
const registrySecondLevels: ReadonlySet<string> = new Set([
  "co",
  "ne",
  "or",
  "ac",
  "ad",
  "ed",
  "go",
  "gr",
  "lg",
  "com",
  "net",
  "org",
  "edu",
  "gov",
])

/**
 * The 2FA manual's mask: the first three characters of the local part and five `*`, `@`, then `***`
 * for the whole domain but its public suffix (`abc*****@***.co.jp`, `abc*****@***.com`): no label
 * that names the company shows.
 */
export const maskEmailForTwoFactor = (address: string): string => {
  const at = address.lastIndexOf("@")
  const local = at < 0 ? address : address.slice(0, at)
  const labels = at < 0 ? [] : address.slice(at + 1).split(".")
  const top = labels.length > 1 ? labels.slice(-1) : []
  const second =
    labels.length > 2 && registrySecondLevels.has(labels.at(-2)!.toLowerCase()) ? labels.slice(-2, -1) : []
  const suffix = [...second, ...top].map((label) => `.${label}`).join("")
  return `${Array.from(local).slice(0, 3).join("")}*****@***${suffix}`
}

interface CodeMail {
  readonly code: string
  readonly validMinutes: number
}

export type TwoFactorNotice =
  | "enabled"
  | "disabled"
  | "disabledBySupport"
  | "deviceChanged"
  | "emergencyLogin"

type CodeMailKind = "verification" | "emergency"

interface TwoFactorMailCopy {
  readonly validFor: string
  readonly minutes: (minutes: number) => string
  readonly codes: Readonly<
    Record<
      CodeMailKind,
      {
        readonly subject: string
        readonly instructions: string
        readonly label: string
        readonly notAsked: string
      }
    >
  >
  readonly notices: Readonly<Record<TwoFactorNotice, readonly [subject: string, line: string]>>
}

const copy: Localised<TwoFactorMailCopy> = {
  ja: {
    validFor: "有効期限",
    minutes: (minutes) => `${minutes}分間`,
    codes: {
      verification: {
        subject: "2要素認証の設定：確認コード",
        instructions:
          "2要素認証の設定を続けるには、次の確認コードを入力してください。このコードは1回限り有効です。",
        label: "確認コード",
        notAsked: "このコードを要求した覚えがない場合は、このメールを破棄し、パスワードを変更してください：",
      },
      emergency: {
        subject: "緊急アクセスコード",
        instructions:
          "ログイン画面で次の緊急アクセスコードを入力してください。このコードは1回限り、このログインにのみ使用できます。ログイン後、2要素認証をいったん無効にして、新しいデバイスで設定し直してください。",
        label: "緊急アクセスコード",
        notAsked:
          "このコードを要求した覚えがない場合は、パスワードが他人に知られている可能性があります。ただちにパスワードを変更してください。",
      },
    },
    notices: {
      enabled: [
        "2要素認証が有効になりました",
        "お客様のアカウントで2要素認証が有効になりました。次回以降のログインでは、認証アプリの確認コードが必要です。",
      ],
      disabled: ["2要素認証が無効になりました", "お客様のアカウントで2要素認証が無効になりました。"],
      disabledBySupport: [
        "2要素認証が無効になりました",
        "お客様のご依頼により、サポートがお客様のアカウントの2要素認証を無効にしました。",
      ],
      deviceChanged: [
        "2要素認証のデバイスが変更されました",
        "2要素認証に使用するデバイスが変更されました。以前のデバイスの確認コードは使用できません。",
      ],
      emergencyLogin: [
        "緊急アクセスコードでログインしました",
        "お客様のアカウントに緊急アクセスコードでログインしました。ほかのセッションはすべて終了しました。2要素認証を設定し直してください。",
      ],
    },
  },
  en: {
    validFor: "Valid for",
    minutes: (minutes) => `${minutes} minutes`,
    codes: {
      verification: {
        subject: "Two-factor authentication set-up: verification code",
        instructions:
          "To continue setting up two-factor authentication, enter this verification code. It works once.",
        label: "Verification code",
        notAsked: "If you did not ask for this code, ignore this message and change your password:",
      },
      emergency: {
        subject: "Emergency access code",
        instructions:
          "Enter this emergency access code on the login screen. It works once, for this login only. Once logged in, turn two-factor authentication off and set it up again on your new device.",
        label: "Emergency access code",
        notAsked: "If you did not ask for this code, someone may know your password: change it at once.",
      },
    },
    notices: {
      enabled: [
        "Two-factor authentication is on",
        "Two-factor authentication is now on for your account. From your next login you will need a code from your authenticator app.",
      ],
      disabled: [
        "Two-factor authentication is off",
        "Two-factor authentication has been turned off for your account.",
      ],
      disabledBySupport: [
        "Two-factor authentication is off",
        "At your request, support has turned two-factor authentication off for your account.",
      ],
      deviceChanged: [
        "Your two-factor device has changed",
        "Two-factor authentication now uses a new device. Codes from the previous device no longer work.",
      ],
      emergencyLogin: [
        "Someone logged in with an emergency access code",
        "Your account was logged into with an emergency access code. Every other session has been ended. Please set up two-factor authentication again.",
      ],
    },
  },
}

const codeMail =
  (kind: CodeMailKind) =>
  (language: MailLanguage, brand: Brand, mail: CodeMail): RenderedMail => {
    const text = inLanguage(language, copy)
    const code = text.codes[kind]
    const facts: Block = {
      facts: [
        [code.label, mail.code],
        [text.validFor, text.minutes(mail.validMinutes)],
      ],
    }
    return compose(
      language,
      brand,
      code.subject,
      [
        greeting(language),
        { lines: [code.instructions] },
        facts,
        { lines: [code.notAsked], link: { url: brand.portalUrl } },
      ],
      automaticFooter(language, brand),
    )
  }

/** The code that proves the registered address is the customer's, before a device is set up. */
export const twoFactorVerificationCode = codeMail("verification")

/** The manual's 「緊急アクセスコード」: one login without the authenticator app. */
export const emergencyAccessCode = codeMail("emergency")

/** A change to the account's second factor, sent to every address on the account. */
export const twoFactorNotice = (
  language: MailLanguage,
  brand: Brand,
  notice: TwoFactorNotice,
  change: ChangeTime,
): RenderedMail => {
  const [subject, line] = inLanguage(language, copy).notices[notice]
  return changeNotice(language, brand, { subject, line }, change)
}
