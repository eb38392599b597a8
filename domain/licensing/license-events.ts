import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"

export const LicenseType = Schema.Literal("full", "trial")
export const SalesChannel = Schema.Literal("direct", "reseller", "app-store")
export const KeyKindSchema = Schema.Literal("rk", "ac")
/** A calendar day, `YYYY-MM-DD`; the hour it ends depends on the account's time zone. */
export const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const [year, month, day] = text.split("-").map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
export const CalendarDate = Schema.String.pipe(
  Schema.filter(isCalendarDate, { message: () => "must be a date, YYYY-MM-DD" }),
)

export const LicenseKeyIssued = Schema.TaggedStruct("LicenseKeyIssued", {
  keyHash: Schema.String,
  /** The key sealed under the server key: shown back to its owner only, never stored in clear. */
  sealedKey: Schema.String,
  kind: KeyKindSchema,
  productId: Schema.String,
  packageId: Schema.String,
  seats: Schema.Int,
  licenseType: LicenseType,
  expiresOn: CalendarDate,
  channel: SalesChannel,
  batchId: Schema.String,
  at: Instant,
})

export const LicenseRegistered = Schema.TaggedStruct("LicenseRegistered", {
  accountId: Schema.String,
  at: Instant,
})

export const LicenseRenewed = Schema.TaggedStruct("LicenseRenewed", {
  expiresOn: CalendarDate,
  previousExpiresOn: CalendarDate,
  at: Instant,
})

export const LicenseSuspended = Schema.TaggedStruct("LicenseSuspended", {
  reason: Schema.String,
  at: Instant,
})
export const LicenseReinstated = Schema.TaggedStruct("LicenseReinstated", { at: Instant })

export type LicenseEvent =
  | typeof LicenseKeyIssued.Type
  | typeof LicenseRegistered.Type
  | typeof LicenseRenewed.Type
  | typeof LicenseSuspended.Type
  | typeof LicenseReinstated.Type
