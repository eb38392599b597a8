// The digit checks of instants and days agree with the round trip through Date they replace, on
// texts of the right shape with any digits (days and hours out of range, 29 February of every kind of
// year) and on texts of any shape.
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { isCalendarDateText, isInstantText } from "../../domain/kernel/date-text.js"

const byRoundTrip = {
  instant: (text: string) => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false
    const millis = Date.parse(text)
    return Number.isFinite(millis) && new Date(millis).toISOString() === text
  },
  day: (text: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
    const [year, month, day] = text.split("-").map(Number) as [number, number, number]
    const date = new Date(Date.UTC(year, month - 1, day))
    // Date.UTC reads years 0–99 as 1900–1999: the year is set again, as the text says.
    date.setUTCFullYear(year, month - 1, day)
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  },
}

const digits = (count: number, max: number) =>
  fc.integer({ min: 0, max }).map((n) => String(n).padStart(count, "0"))
// Years near the edges and the leap-year kinds: divisible by 4, by 100, by 400.
const year = fc.oneof(digits(4, 9999), fc.constantFrom("0000", "1900", "2000", "2024", "2100", "9999"))
const day = fc.tuple(year, digits(2, 19), digits(2, 39)).map(([y, m, d]) => `${y}-${m}-${d}`)
const instant = fc
  .tuple(day, digits(2, 29), digits(2, 69), digits(2, 69), digits(3, 999))
  .map(([d, h, m, s, ms]) => `${d}T${h}:${m}:${s}.${ms}Z`)

describe("date texts", () => {
  it("a day exists exactly when the round trip through Date says so", () => {
    fc.assert(
      fc.property(day, (text) => isCalendarDateText(text) === byRoundTrip.day(text)),
      {
        numRuns: 20_000,
      },
    )
    for (const text of ["2024-02-29", "2000-02-29", "0000-02-29"]) expect(isCalendarDateText(text)).toBe(true)
    for (const text of ["2100-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-01"])
      expect(isCalendarDateText(text)).toBe(false)
  })

  it("an instant exists exactly when the round trip through Date says so", () => {
    fc.assert(
      fc.property(instant, (text) => isInstantText(text) === byRoundTrip.instant(text)),
      {
        numRuns: 20_000,
      },
    )
    expect(isInstantText("2026-12-31T23:59:59.999Z")).toBe(true)
    for (const text of ["2026-12-31T24:00:00.000Z", "2026-12-31T23:60:00.000Z", "2026-12-31T23:59:60.000Z"])
      expect(isInstantText(text)).toBe(false)
  })

  it("any other text is neither", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(isInstantText(text)).toBe(byRoundTrip.instant(text))
        expect(isCalendarDateText(text)).toBe(byRoundTrip.day(text))
      }),
      { numRuns: 5_000 },
    )
  })
})
