import type { Section } from "../../../application/accounts/section-seen.js"
import type { PasswordPolicy } from "../../../domain/accounts/password-policy.js"
import { defineTexts, type Lang } from "../shell/texts.js"

// Wording of manual 002 (会社情報を変更する, ユーザ情報を変更する, and the password rule of its
// reset screen); the manual is silent on a change made by someone else meanwhile.
export const accountDetailsTexts = defineTexts({
  ja: {
    saved: "変更が保存されました。",
    companyTitle: "会社情報",
    contractor: "ご契約者",
    supportContact: "サポート窓口",
    tabsNote:
      "ご契約者とサポート窓口は、タブごとに[送信]ボタンを押して変更してください。[送信]ボタンを押したタブの情報だけが変更され、ほかのタブの情報は変更されません。送信せずにタブを切り替えると、そのタブで入力した内容は破棄されます。",
    cancelNote:
      "変更を取りやめたい場合は、[送信]ボタンを押さずに、上部メニューの「製品/サービス」を押すか、ログアウトしてください。",
    userTitle: "ユーザ登録情報",
    loginId: "ログインID",
    email: "メールアドレス",
    personalEmailNote: "このメールアドレスでログインします。",
    password: "パスワード",
    changePassword: "パスワードの変更",
    twoFactor: "2要素認証",
    twoFactorOn: "有効",
    twoFactorOff: "無効",
    twoFactorSettings: "設定",
    changedMeanwhile: (section: string) =>
      `この画面を表示した後に、${section}の情報が別の操作で変更されました。入力内容はまだ保存されていません。`,
    changedMeanwhileList: "現在の登録内容のうち、入力内容と異なる項目は次のとおりです。",
    changedMeanwhileAgain: "入力内容を確認し、この内容で保存する場合はもう一度[送信]ボタンを押してください。",
    passwordTitle: "パスワードの変更",
    currentPassword: "現在のパスワード",
    newPassword: "新しいパスワード",
    newPasswordConfirmation: "パスワードの確認入力",
    manualRule: "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
    asvsRule: "8文字以上128文字以下のパスワードを設定してください。長く推測されにくいものをおすすめします。",
    signsOutEverywhere:
      "パスワードを変更すると、この画面を含むすべての端末でログアウトします。変更後は新しいパスワードでログインしてください。",
    back: "ユーザ登録情報へ戻る",
    passwordChangedTitle: "パスワードの変更",
    passwordChanged: "ログインパスワードが変更されました。",
    passwordChangedText:
      "セキュリティのため、すべての端末でログアウトしました。新しいパスワードを使用してログインするには [OK] を押してください。",
  },
  en: {
    saved: "Your changes have been saved.",
    companyTitle: "Company information",
    contractor: "Contractor",
    supportContact: "Support contact",
    tabsNote:
      "Change the contractor and the support contact one tab at a time, each with its Submit button: only the tab you submit is changed, the other stays as it is. Switching tabs without submitting discards what you typed on the tab you leave.",
    cancelNote:
      "To discard your changes, leave without pressing Submit: choose “Products/Services” in the menu at the top, or log out.",
    userTitle: "User information",
    loginId: "Login ID",
    email: "E-mail address",
    personalEmailNote: "You sign in with this e-mail address.",
    password: "Password",
    changePassword: "Change password",
    twoFactor: "Two-factor authentication",
    twoFactorOn: "On",
    twoFactorOff: "Off",
    twoFactorSettings: "Settings",
    changedMeanwhile: (section: string) =>
      `The ${section} details were changed elsewhere after this page was opened. Your entries have not been saved yet.`,
    changedMeanwhileList: "What is saved now, where it differs from your entries:",
    changedMeanwhileAgain: "Check your entries and press Submit again to save them as they are.",
    passwordTitle: "Change password",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordConfirmation: "Confirm the new password",
    manualRule: "Use 8 to 25 characters, with digits, upper-case and lower-case letters.",
    asvsRule: "Use 8 to 128 characters; a long password that is hard to guess is best.",
    signsOutEverywhere:
      "Changing the password logs you out everywhere, on this device too. Log in again with the new password afterwards.",
    back: "Back to user information",
    passwordChangedTitle: "Change password",
    passwordChanged: "Your login password has been changed.",
    passwordChangedText:
      "For your security you have been logged out everywhere. Press OK to log in with your new password.",
  },
})

/** The password rule as the configured policy has it (the manual's by default). */
export const passwordRule = (lang: Lang, policy: PasswordPolicy) =>
  policy === "manual" ? accountDetailsTexts[lang].manualRule : accountDetailsTexts[lang].asvsRule

const sectionNames: Readonly<Record<Lang, Readonly<Record<Section, string>>>> = {
  ja: { contractor: "ご契約者", supportContact: "サポート窓口", user: "ユーザ登録" },
  en: { contractor: "contractor", supportContact: "support contact", user: "user" },
}

/** A section as a sentence names it (「ご契約者の情報」, "the contractor details"). */
export const sectionName = (lang: Lang, section: Section) => sectionNames[lang][section]
