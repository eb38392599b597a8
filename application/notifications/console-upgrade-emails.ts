/**
 * The mail of a console user's "upgrade your account" (manual 004, STEP 3 end): the verification
 * code sent to the address the user is upgrading to, the sibling of the primary user account's
 * (primary-user-emails.ts) with the same countdown and attempts. The code is in the body only,
 * never the subject.
 */
import {
  automaticFooter,
  type Brand,
  compose,
  greeting,
  inLanguage,
  type Localised,
  type MailLanguage,
  type RenderedMail,
} from "./mail-kit.js"

export interface ConsoleUpgradeCode {
  readonly code: string
  readonly validMinutes: number
  /** The console user name being upgraded (signs in no more once the upgrade is done). */
  readonly userName: string
}

type Copy = {
  readonly subject: string
  readonly instructions: string
  readonly label: string
  readonly validFor: string
  readonly minutes: (minutes: number) => string
  readonly userName: string
  readonly notAsked: string
}

const copy: Localised<Copy> = {
  ja: {
    subject: "コンソールのユーザアカウントのアップグレードの検証コード",
    instructions:
      "このメールアドレスのユーザアカウントにアップグレードするには、画面に次の検証コードを入力し、[Submit] をクリックしてください。このコードは1回限り有効です。",
    label: "検証コード",
    validFor: "有効期限",
    minutes: (minutes) => `${minutes}分間`,
    userName: "元のユーザ名",
    notAsked:
      "お心当たりがない場合は、このメールを破棄してください。コードを入力しない限り、アカウントは変更されません。",
  },
  en: {
    subject: "Verification code to upgrade your console user account",
    instructions:
      "To upgrade to a user account with this email address, enter this verification code on the screen and click Submit. It works once.",
    label: "Verification code",
    validFor: "Valid for",
    minutes: (minutes) => `${minutes} minutes`,
    userName: "Original user name",
    notAsked:
      "If you did not ask for this, ignore this message: nothing changes on any account unless the code is entered.",
  },
}

/** The code that proves the address is the console user's. */
export const consoleUpgradeVerificationCode = (
  language: MailLanguage,
  brand: Brand,
  mail: ConsoleUpgradeCode,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return compose(
    language,
    brand,
    text.subject,
    [
      greeting(language),
      { lines: [text.instructions] },
      {
        facts: [
          [text.label, mail.code],
          [text.validFor, text.minutes(mail.validMinutes)],
          [text.userName, mail.userName],
        ],
      },
      { lines: [text.notAsked] },
    ],
    automaticFooter(language, brand),
  )
}
