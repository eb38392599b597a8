import { inLanguage, type Localised, type MailLanguage } from "./mail-language.js"

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const

const dateFormats: Localised<(year: number, month: number, day: number) => string> = {
  ja: (year, month, day) => `${year}年${month}月${day}日`,
  en: (year, month, day) => `${day} ${months[month - 1] ?? month} ${year}`,
}
const beforeTime: Localised<string> = { ja: " ", en: ", " }

/** 2027-03-31 → 2027年3月31日 / 31 March 2027; text that is not such a date is printed unchanged rather than lost. */
export const formatCalendarDate = (language: MailLanguage, isoDate: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])]
  return match && month >= 1 && month <= 12 && day >= 1 && day <= 31
    ? inLanguage(language, dateFormats)(year, month, day)
    : isoDate
}

/** The calendar parts of an instant in a time zone. */
export const zonedParts = (instant: string, timeZone: string) => {
  // en-US numeric parts are plain ASCII digits; the wording around them is ours, not the locale's.
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ""
  return {
    year: Number(part("year")),
    month: Number(part("month")),
    day: Number(part("day")),
    time: `${part("hour")}:${part("minute")}`,
  }
}

/**
 * 2026-03-31T15:30:00Z in Asia/Tokyo → 2026年4月1日 00:30 (Asia/Tokyo) / 1 April 2026, 00:30 (Asia/Tokyo). The zone is
 * named because the reader may be elsewhere. Throws RangeError for an unknown zone or an unreadable instant, as Intl does:
 * both are checked long before a mail is written.
 */
export const formatInstant = (language: MailLanguage, instant: string, timeZone: string): string => {
  const { year, month, day, time } = zonedParts(instant, timeZone)
  return `${inLanguage(language, dateFormats)(year, month, day)}${inLanguage(language, beforeTime)}${time} (${timeZone})`
}
