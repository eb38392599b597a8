import type { Lang } from "./texts.js"

// The reasons the domain's schemas and rules give for a refused field are English sentences (the
// JSON API's 422 lists them as they are). The portal says them in the user's language: each known
// reason has its Japanese wording here; an unknown one is shown as it is rather than hidden.

type Translation = readonly [RegExp, (match: RegExpMatchArray) => string]

const japanese: ReadonlyArray<Translation> = [
  [/^is required$/, () => "入力してください。"],
  // What a schema says of a key left out: a blank input is left out of the decoded value.
  [/^is missing$/, () => "入力してください。"],
  [/^must be (\d+) digits$/, (m) => `${m[1]}桁の数字で入力してください。`],
  [/^must be at most (\d+) characters$/, (m) => `${m[1]}文字以内で入力してください。`],
  [/^must be written in full-width katakana$/, () => "全角カタカナで入力してください。"],
  [/^must be a 7-digit postal code/, () => "郵便番号は7桁の数字で入力してください（例: 123-4567）。"],
  [/^must be one of the 47 prefectures/, () => "都道府県を選択してください。"],
  [/^must be an area code starting with 0/, () => "市外局番は0から始まる数字で入力してください（例: 03）。"],
  [/^must be 4 to 9 digits$/, () => "電話番号は4～9桁の数字で入力してください。"],
  [
    /^area code and number together must be 10 or 11 digits$/,
    () => "市外局番と番号をあわせて10桁または11桁で入力してください。",
  ],
  [/^must be a valid e-mail address$/, () => "有効なメールアドレスを入力してください。"],
  [
    /^must be 4 to 64 characters: letters, digits/,
    () => "ログインIDは英数字と . _ - @ を使用した4文字以上64文字以下で入力してください（先頭は英数字）。",
  ],
  [
    /^must be 8 to 25 characters$/,
    () => "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
  ],
  [
    /^must contain digits, upper-case and lower-case letters$/,
    () => "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
  ],
  [/^must be at least 8 characters$/, () => "8文字以上で入力してください。"],
  [/^must be at most 128 characters$/, () => "128文字以内で入力してください。"],
  [/^must not contain the login ID$/, () => "パスワードにログインIDを含めることはできません。"],
  [
    /^is too common/,
    () => "よく使われているパスワードは使用できません。推測されにくいパスワードを設定してください。",
  ],
  [/^does not match the password$/, () => "パスワードと確認入力が一致しません。"],
  [/^does not match the e-mail address$/, () => "メールアドレスと確認入力が一致しません。"],
  [/^is not the current password$/, () => "現在のパスワードが正しくありません。"],
  [/^must be true: the licence agreement/, () => "使用許諾契約書に同意してください。"],
  [/^is already taken$/, () => "このログインIDはすでに使用されています。"],
]

const english: ReadonlyArray<Translation> = [
  [/^is missing$/, () => "is required"],
  [
    /^must be true: the licence agreement has to be accepted$/,
    () => "must be ticked to accept the licence agreement",
  ],
]

const asSentence = (text: string) => {
  const capital = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?。]$/.test(capital) ? capital : `${capital}.`
}

const translated = (table: ReadonlyArray<Translation>, reason: string): string | undefined => {
  for (const part of reason.split("; ")) {
    for (const [pattern, say] of table) {
      const match = part.match(pattern)
      if (match) return say(match)
    }
  }
  return undefined
}

/**
 * A field's refusal as the user reads it. Japanese: 「会社名: 入力してください。」; English, where
 * the domain's reasons are already phrases that follow the field's name: "Company name is required."
 * An unknown reason is shown as it is rather than hidden.
 */
export const reasonText = (lang: Lang, reason: string, label?: string): string => {
  const first = reason.split("; ")[0] ?? reason
  if (lang === "ja") {
    const text = translated(japanese, reason) ?? asSentence(first)
    return label === undefined ? text : `${label}: ${text}`
  }
  const phrase = translated(english, reason) ?? first
  return label === undefined ? asSentence(phrase) : asSentence(`${label} ${phrase}`)
}

/** Every reason the Japanese table knows, for the test that keeps it complete. */
export const translatedReasons = japanese.map(([pattern]) => pattern)
