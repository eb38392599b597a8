// The two textual forms of time in events, checked by their digits: every decoded event has several,
// and a round trip through Date per value was a measurable part of reading a stream. The tests
// check these against that round trip.

const digitsAt = (text: string, from: number, count: number): number => {
  let value = 0
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i) - 48
    if (code < 0 || code > 9) return -1
    value = value * 10 + code
  }
  return value
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysIn = (year: number, month: number) =>
  month === 2
    ? isLeapYear(year)
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31

/** `YYYY-MM-DD` naming a day that exists, in years 0000–9999, starting at `from`. */
const isDateAt = (text: string, from: number): boolean => {
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return false
  const year = digitsAt(text, from, 4)
  const month = digitsAt(text, from + 5, 2)
  const day = digitsAt(text, from + 8, 2)
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
}

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const isCalendarDateText = (text: string): boolean => text.length === 10 && isDateAt(text, 0)

/** `YYYY-MM-DDThh:mm:ss.sssZ`, UTC, naming a time that exists: what `Date.prototype.toISOString` writes. */
export const isInstantText = (text: string): boolean => {
  if (text.length !== 24 || !isDateAt(text, 0)) return false
  if (text[10] !== "T" || text[13] !== ":" || text[16] !== ":" || text[19] !== "." || text[23] !== "Z")
    return false
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  return (
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 59 &&
    digitsAt(text, 20, 3) >= 0
  )
}
