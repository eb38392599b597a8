import { DateTime, Option } from "effect"

export type LicenseStatus = "active" | "expiring_soon" | "expired"

export const defaultExpiringSoonDays = 30
export const defaultTimeZone = "Asia/Tokyo"

/** The first instant after the expiry day has ended in the account's time zone. */
export const expiryInstant = (expiresOn: string, timeZone: string): DateTime.Utc => {
  const zone = Option.getOrThrow(DateTime.zoneMakeNamed(timeZone))
  const [year, month, day] = expiresOn.split("-").map(Number) as [number, number, number]
  const nextDay = DateTime.unsafeMakeZoned(
    { year, month, day: day + 1 },
    { timeZone: zone, adjustForTimeZone: true },
  )
  return DateTime.toUtc(nextDay)
}

/**
 * Valid through the whole expiry day (end of day in the account's zone); "expiring soon" from
 * `expiringSoonDays` before that. Only ever moves forward as time does.
 */
export const licenseStatus = (
  expiresOn: string,
  now: DateTime.DateTime,
  options: { readonly timeZone: string; readonly expiringSoonDays: number },
): LicenseStatus => {
  const end = expiryInstant(expiresOn, options.timeZone)
  if (!DateTime.lessThan(now, end)) return "expired"
  const soon = DateTime.subtract(end, { days: options.expiringSoonDays })
  return DateTime.lessThan(now, soon) ? "active" : "expiring_soon"
}

/** The calendar day it is at `now` in the account's time zone, `YYYY-MM-DD`. */
export const calendarDateIn = (now: DateTime.DateTime, timeZone: string): string =>
  DateTime.formatIsoDate(DateTime.setZone(now, Option.getOrThrow(DateTime.zoneMakeNamed(timeZone))))
