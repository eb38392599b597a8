import { Schema } from "effect"

export const LicenseType = Schema.Literal("full", "trial")
export const SalesChannel = Schema.Literal("direct", "reseller", "app-store")
export const KeyKindSchema = Schema.Literal("rk", "ac")
/** A calendar day, `YYYY-MM-DD`; the hour it ends depends on the account's time zone. */
export const CalendarDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))

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
  at: Schema.String,
})

export const LicenseRegistered = Schema.TaggedStruct("LicenseRegistered", {
  accountId: Schema.String,
  at: Schema.String,
})

export const LicenseRenewed = Schema.TaggedStruct("LicenseRenewed", {
  expiresOn: CalendarDate,
  previousExpiresOn: CalendarDate,
  at: Schema.String,
})

export const LicenseSuspended = Schema.TaggedStruct("LicenseSuspended", {
  reason: Schema.String,
  at: Schema.String,
})
export const LicenseReinstated = Schema.TaggedStruct("LicenseReinstated", { at: Schema.String })

export type LicenseEvent =
  | typeof LicenseKeyIssued.Type
  | typeof LicenseRegistered.Type
  | typeof LicenseRenewed.Type
  | typeof LicenseSuspended.Type
  | typeof LicenseReinstated.Type
