export type MailLanguage = "ja" | "en"

/** One mail's copy in both languages; the compiler checks that each has every entry. */
export interface Localised<T> {
  readonly ja: T
  readonly en: T
}

// Japanese unless the account asked for English, also for a language this code does not know.
export const inLanguage = <T>(language: MailLanguage, copy: Localised<T>): T =>
  language === "en" ? copy.en : copy.ja
