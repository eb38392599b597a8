/**
 * Two-factor authentication e-mails as pure functions (the 2FA manual, 003): the set-up's verification
 * code, the one-time emergency access code, and notices when 2FA is enabled, disabled, moved to a
 * new device, or used to log in with an emergency code. Codes are in the body only, never the subject.
 */
import {
  automaticFooter,
  type Brand,
  type ChangeTime,
  changedAtFact,
  compose,
  greeting,
  type MailLanguage,
  notMeBlock,
  pick,
  type RenderedMail,
  supportBlock,
} from "./account-emails.js"

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

const codeBlock = (language: MailLanguage, label: string, mail: CodeMail) => ({
  facts: [
    [label, mail.code],
    [
      pick(language, "有効期限", "Valid for"),
      pick(language, `${mail.validMinutes}分間`, `${mail.validMinutes} minutes`),
    ],
  ] as const,
})

/** The code that proves the registered address is the customer's, before a device is set up. */
export const twoFactorVerificationCode = (
  language: MailLanguage,
  brand: Brand,
  mail: CodeMail,
): RenderedMail =>
  compose(
    language,
    pick(language, "2要素認証の設定：確認コード", "Two-factor authentication set-up: verification code"),
    [
      greeting(language),
      {
        lines: [
          pick(
            language,
            "2要素認証の設定を続けるには、次の確認コードを入力してください。このコードは1回限り有効です。",
            "To continue setting up two-factor authentication, enter this verification code. It works once.",
          ),
        ],
      },
      codeBlock(language, pick(language, "確認コード", "Verification code"), mail),
      {
        lines: [
          pick(
            language,
            "このコードを要求した覚えがない場合は、このメールを破棄し、パスワードを変更してください：",
            "If you did not ask for this code, ignore this message and change your password:",
          ),
        ],
        link: { url: brand.portalUrl },
      },
    ],
    automaticFooter(language, brand),
  )

/** The manual's 「緊急アクセスコード」: one login without the authenticator app. */
export const emergencyAccessCode = (language: MailLanguage, brand: Brand, mail: CodeMail): RenderedMail =>
  compose(
    language,
    pick(language, "緊急アクセスコード", "Emergency access code"),
    [
      greeting(language),
      {
        lines: [
          pick(
            language,
            "ログイン画面で次の緊急アクセスコードを入力してください。このコードは1回限り、このログインにのみ使用できます。ログイン後、2要素認証をいったん無効にして、新しいデバイスで設定し直してください。",
            "Enter this emergency access code on the login screen. It works once, for this login only. Once logged in, turn two-factor authentication off and set it up again on your new device.",
          ),
        ],
      },
      codeBlock(language, pick(language, "緊急アクセスコード", "Emergency access code"), mail),
      {
        lines: [
          pick(
            language,
            "このコードを要求した覚えがない場合は、パスワードが他人に知られている可能性があります。ただちにパスワードを変更してください。",
            "If you did not ask for this code, someone may know your password: change it at once.",
          ),
        ],
        link: { url: brand.portalUrl },
      },
    ],
    automaticFooter(language, brand),
  )

export type TwoFactorNotice =
  | "enabled"
  | "disabled"
  | "disabledBySupport"
  | "deviceChanged"
  | "emergencyLogin"

const notices: Record<TwoFactorNotice, { readonly ja: [string, string]; readonly en: [string, string] }> = {
  enabled: {
    ja: [
      "2要素認証が有効になりました",
      "お客様のアカウントで2要素認証が有効になりました。次回以降のログインでは、認証アプリの確認コードが必要です。",
    ],
    en: [
      "Two-factor authentication is on",
      "Two-factor authentication is now on for your account. From your next login you will need a code from your authenticator app.",
    ],
  },
  disabled: {
    ja: ["2要素認証が無効になりました", "お客様のアカウントで2要素認証が無効になりました。"],
    en: [
      "Two-factor authentication is off",
      "Two-factor authentication has been turned off for your account.",
    ],
  },
  disabledBySupport: {
    ja: [
      "2要素認証が無効になりました",
      "お客様のご依頼により、サポートがお客様のアカウントの2要素認証を無効にしました。",
    ],
    en: [
      "Two-factor authentication is off",
      "At your request, support has turned two-factor authentication off for your account.",
    ],
  },
  deviceChanged: {
    ja: [
      "2要素認証のデバイスが変更されました",
      "2要素認証に使用するデバイスが変更されました。以前のデバイスの確認コードは使用できません。",
    ],
    en: [
      "Your two-factor device has changed",
      "Two-factor authentication now uses a new device. Codes from the previous device no longer work.",
    ],
  },
  emergencyLogin: {
    ja: [
      "緊急アクセスコードでログインしました",
      "お客様のアカウントに緊急アクセスコードでログインしました。ほかのセッションはすべて終了しました。2要素認証を設定し直してください。",
    ],
    en: [
      "Someone logged in with an emergency access code",
      "Your account was logged into with an emergency access code. Every other session has been ended. Please set up two-factor authentication again.",
    ],
  },
}

/** A change to the account's second factor, sent to every address on the account. */
export const twoFactorNotice = (
  language: MailLanguage,
  brand: Brand,
  notice: TwoFactorNotice,
  change: ChangeTime,
): RenderedMail => {
  const [subject, line] = pick(language, notices[notice].ja, notices[notice].en)
  return compose(
    language,
    subject,
    [
      greeting(language),
      { lines: [line] },
      { facts: [changedAtFact(language, change)] },
      notMeBlock(language, brand),
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}
