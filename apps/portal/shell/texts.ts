// The portal speaks Japanese by default, as the manuals do, and English by the user's choice.

export const languages = ["ja", "en"] as const
export type Lang = (typeof languages)[number]

export const isLang = (value: unknown): value is Lang => value === "ja" || value === "en"

type Entry = string | ((...args: never[]) => string)

/**
 * One feature's words in both languages. The English entries are checked against the Japanese ones,
 * so a screen can never miss a translation (a missing or extra key is a compile error).
 */
export const defineTexts = <const T extends Readonly<Record<string, Entry>>>(texts: {
  readonly ja: T
  readonly en: { readonly [K in keyof T]: T[K] extends string ? string : T[K] }
}) => texts as { readonly ja: Widened<T>; readonly en: Widened<T> }

type Widened<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] }

/** The shell's own words: the frame around every page. */
export const shellTexts = defineTexts({
  ja: {
    portalName: "Customer Licensing Portal",
    skipToContent: "本文へ移動",
    products: "製品/サービス",
    vault: "保管庫",
    company: "会社",
    companyInformation: "会社情報",
    userInformation: "ユーザ登録情報",
    devices: "ログイン中の端末",
    accountMenu: "アカウントメニュー",
    signOut: "ログアウト",
    signIn: "ログイン",
    help: "ヘルプ",
    language: "言語",
    otherLanguage: "English",
    otherLanguageName: "English",
    errorSummaryTitle: "入力内容を確認してください",
    errorCount: (count: number) => `${count}件の項目に誤りがあります。`,
    required: "必須",
    optional: "任意",
    continue: "続行",
    cancel: "キャンセル",
    submit: "送信",
    back: "戻る",
    ok: "OK",
    formExpired:
      "フォームの有効期限が切れたか、別のサイトから送信されました。もう一度入力して送信してください。",
    sessionExpired:
      "セッションの有効期限が切れました（一定時間操作がなかった場合などにログアウトされます）。もう一度ログインしてください。",
    rateLimited: (seconds: number) =>
      `試行回数が上限に達しました。${seconds < 120 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分`}後にもう一度お試しください。`,
    notFoundTitle: "ページが見つかりません",
    notFoundText: "お探しのページは見つかりませんでした。URLをご確認ください。",
    errorTitle: "エラーが発生しました",
    errorText: (requestId: string) =>
      `申し訳ございません。処理を完了できませんでした。時間をおいてもう一度お試しください。お問い合わせの際は、次の番号をお伝えください: ${requestId}`,
    footer: "Portcullis",
  },
  en: {
    portalName: "Customer Licensing Portal",
    skipToContent: "Skip to content",
    products: "Products/Services",
    vault: "Vault",
    company: "Company",
    companyInformation: "Company information",
    userInformation: "User information",
    devices: "Signed-in devices",
    accountMenu: "Account menu",
    signOut: "Log out",
    signIn: "Log in",
    help: "Help",
    language: "Language",
    otherLanguage: "日本語",
    otherLanguageName: "Japanese",
    errorSummaryTitle: "There is a problem",
    errorCount: (count: number) =>
      count === 1 ? "1 field needs attention." : `${count} fields need attention.`,
    required: "required",
    optional: "optional",
    continue: "Continue",
    cancel: "Cancel",
    submit: "Submit",
    back: "Back",
    ok: "OK",
    formExpired: "The form expired or was sent from another site. Please fill it in and send it again.",
    sessionExpired:
      "Your session has ended (for example after a period without activity). Please log in again.",
    rateLimited: (seconds: number) =>
      `Too many attempts. Please try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
    notFoundTitle: "Page not found",
    notFoundText: "The page you are looking for does not exist. Please check the address.",
    errorTitle: "Something went wrong",
    errorText: (requestId: string) =>
      `Sorry, we could not complete this. Please try again later. If you contact support, quote this number: ${requestId}`,
    footer: "Portcullis",
  },
})
