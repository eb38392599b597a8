import { DateTime, Option } from "effect"

export type LicenseStatus = "active" | "expiring_soon" | "expired"

export const defaultExpiringSoonDays = 30
export const defaultTimeZone = "Asia/Tokyo"

// Resolving a named zone's offset is the costliest step of a licence list (every licence, every
// request); the answer for a day and a zone never changes, so it is remembered (bounded).
const expiryCache = new Map<string, DateTime.Utc>()

/** The first instant after the expiry day has ended in the account's time zone. */
export const expiryInstant = (expiresOn: string, timeZone: string): DateTime.Utc => {
  const cacheKey = `${expiresOn} ${timeZone}`
  const known = expiryCache.get(cacheKey)
  if (known) return known
  const instant = computeExpiryInstant(expiresOn, timeZone)
  if (expiryCache.size >= 10_000) expiryCache.clear()
  expiryCache.set(cacheKey, instant)
  return instant
}

const computeExpiryInstant = (expiresOn: string, timeZone: string): DateTime.Utc => {
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
  // In epoch milliseconds: a list evaluates this for every licence on every request.
  const end = DateTime.toEpochMillis(expiryInstant(expiresOn, options.timeZone))
  const at = DateTime.toEpochMillis(now)
  if (at >= end) return "expired"
  return at < end - options.expiringSoonDays * dayMillis ? "active" : "expiring_soon"
}

const dayMillis = 86_400_000

/** The calendar day it is at `now` in the account's time zone, `YYYY-MM-DD`. */
export const calendarDateIn = (now: DateTime.DateTime, timeZone: string): string =>
  DateTime.formatIsoDate(DateTime.setZone(now, Option.getOrThrow(DateTime.zoneMakeNamed(timeZone))))
