/**
 * The mails of a business account's primary user account (manual 004, STEP 2, 3–10): the
 * verification code sent to the address being assigned, and "Updated password successfully" once
 * the password is updated and the address has become the sign-in name. Both go to the new address.
 * The code is in the body only, never the subject.
 */
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
} from "./mail-kit.js"

export interface PrimaryEmailCode {
  readonly code: string
  readonly validMinutes: number
  /** The login ID the address is assigned to (the manual's "Original account"). */
  readonly originalAccount: string
}

export interface PrimaryUserAccountReady extends ChangeTime {
  readonly email: string
}

type Copy = {
  readonly originalAccount: string
  readonly code: {
    readonly subject: string
    readonly instructions: string
    readonly label: string
    readonly validFor: string
    readonly minutes: (minutes: number) => string
    readonly notAsked: string
  }
  readonly ready: {
    readonly subject: string
    readonly updated: string
    readonly signIn: string
    readonly account: string
  }
}

const copy: Localised<Copy> = {
  ja: {
    originalAccount: "元のアカウント",
    code: {
      subject: "プライマリユーザアカウントのメールアドレスの検証コード",
      instructions:
        "このメールアドレスをプライマリユーザアカウントとして割り当てるには、画面に次の検証コードを入力し、[Submit] をクリックしてください。このコードは1回限り有効です。",
      label: "検証コード",
      validFor: "有効期限",
      minutes: (minutes) => `${minutes}分間`,
      notAsked:
        "お心当たりがない場合は、このメールを破棄してください。コードを入力しない限り、アカウントは変更されません。",
    },
    ready: {
      subject: "パスワードが更新されました",
      updated: "Updated password successfully（パスワードが更新されました）。",
      signIn:
        "今後は、このメールアドレスと新しいパスワードでサインインしてください。以前のログインIDではサインインできません。",
      account: "プライマリユーザアカウント",
    },
  },
  en: {
    originalAccount: "Original account",
    code: {
      subject: "Verification code for your primary user account email address",
      instructions:
        "To assign this email address as your primary user account, enter this verification code on the screen and click Submit. It works once.",
      label: "Verification code",
      validFor: "Valid for",
      minutes: (minutes) => `${minutes} minutes`,
      notAsked:
        "If you did not ask for this, ignore this message: nothing changes on any account unless the code is entered.",
    },
    ready: {
      subject: "Updated password successfully",
      updated: "Updated password successfully.",
      signIn:
        "From now on, sign in with this email address and your new password. The previous login ID no longer signs in.",
      account: "Primary user account",
    },
  },
}

/** The code that proves the address is the customer's (the manual's 「検証コード」). */
export const primaryEmailVerificationCode = (
  language: MailLanguage,
  brand: Brand,
  mail: PrimaryEmailCode,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return compose(
    language,
    brand,
    text.code.subject,
    [
      greeting(language),
      { lines: [text.code.instructions] },
      {
        facts: [
          [text.code.label, mail.code],
          [text.code.validFor, text.code.minutes(mail.validMinutes)],
          [text.originalAccount, mail.originalAccount],
        ],
      },
      { lines: [text.code.notAsked] },
    ],
    automaticFooter(language, brand),
  )
}

/** The password updated and the address now the sign-in name (the manual's step 9 message). */
export const primaryUserAccountReady = (
  language: MailLanguage,
  brand: Brand,
  mail: PrimaryUserAccountReady,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return compose(
    language,
    brand,
    text.ready.subject,
    [
      greeting(language),
      { lines: [text.ready.updated, text.ready.signIn], link: { url: brand.portalUrl } },
      { facts: [[text.ready.account, mail.email], changedAtFact(language, mail)] },
      notMeBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}
