import { Schema } from "effect"
import { isCalendarDateText } from "../kernel/date-text.js"
import { Instant } from "../kernel/instant.js"

export const LicenseType = Schema.Literal("full", "trial")
/**
 * How a licence was bought. `direct` is the vendor's own contract (auto-renewal for the consumer
 * products), `monthly-provider` a monthly plan through a carrier or ISP, the two stores in-app
 * purchases; a product switch (domain/switching) treats each by its plan's rules.
 */
export const SalesChannel = Schema.Literal(
  "direct",
  "reseller",
  "monthly-provider",
  "app-store",
  "google-play",
  "free",
)
export type SalesChannel = typeof SalesChannel.Type
export const KeyKindSchema = Schema.Literal("rk", "ac")
/** A calendar day, `YYYY-MM-DD`; the hour it ends depends on the account's time zone. */
export const isCalendarDate = isCalendarDateText
const dayMillis = 86_400_000
export const CalendarDate = Schema.String.pipe(
  Schema.filter(isCalendarDate, { message: () => "must be a date, YYYY-MM-DD" }),
  Schema.annotations({
    // Random text is almost never a date: days are drawn instead, so properties reach the decoder.
    arbitrary: () => (fc) =>
      fc
        .integer({ min: Date.UTC(2000, 0, 1) / dayMillis, max: Date.UTC(2100, 0, 1) / dayMillis })
        .map((day) => new Date(day * dayMillis).toISOString().slice(0, 10)),
  }),
)

/**
 * What a key entitles its holder to, declared once: issuing a key records them, and the batch request,
 * the mails and the read model take their shape from here. Only renewal moves the expiry.
 */
export const LicenseTerms = Schema.Struct({
  productId: Schema.String,
  packageId: Schema.String,
  seats: Schema.Int,
  licenseType: LicenseType,
  expiresOn: CalendarDate,
  channel: SalesChannel,
})
export type LicenseTerms = typeof LicenseTerms.Type

export const LicenseKeyIssued = Schema.TaggedStruct("LicenseKeyIssued", {
  keyHash: Schema.String,
  /** The key sealed under the server key: shown back to its owner only, never stored in clear. */
  sealedKey: Schema.String,
  kind: KeyKindSchema,
  ...LicenseTerms.fields,
  batchId: Schema.String,
  at: Instant,
})

/** A key as issued (its terms and where it came from), without the time it was issued at. */
export type IssuedKey = Omit<typeof LicenseKeyIssued.Type, "_tag" | "at">

export const LicenseRegistered = Schema.TaggedStruct("LicenseRegistered", {
  accountId: Schema.String,
  /**
   * The product the key registered as, when a switch plan made it another than the key's (an unused
   * Password Manager key from the plan's day registers as ID Protection); with the plan's id. Both or
   * neither; absent in events recorded before switches, which decode as before.
   */
  productId: Schema.optionalWith(Schema.String, { exact: true }),
  switchPlanId: Schema.optionalWith(Schema.String, { exact: true }),
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

/** Support corrected how the licence was bought (a switch plan reads it). */
export const LicenseChannelChanged = Schema.TaggedStruct("LicenseChannelChanged", {
  channel: SalesChannel,
  previousChannel: SalesChannel,
  at: Instant,
})

/**
 * The customer cancelled the contract on `cancelledOn` (their calendar day): the licence stays valid
 * to its last day, but it is not renewed, and a switch plan may leave it out.
 */
export const LicenseCancellationRecorded = Schema.TaggedStruct("LicenseCancellationRecorded", {
  cancelledOn: CalendarDate,
  at: Instant,
})

/**
 * Why a source licence is not switched; each has its own advice (a new contract; import stays
 * possible). `channel-not-switched`: a channel this plan leaves out that is neither an app store
 * nor the free edition.
 */
export const NotSwitchedReason = Schema.Literal(
  "cancelled-by-cutoff",
  "in-app-purchase",
  "free-edition",
  "channel-not-switched",
  "expired",
  "suspended",
)
export type NotSwitchedReason = typeof NotSwitchedReason.Type

// What a switch plan decided for one licence, recorded on the licence's own stream: a licence is
// decided once per plan, and the licence's history tells an auditor what happened to it.

/**
 * The plan moved the licence to its target product; the last day stays. A product instance's update
 * (domain/instances) moves its licence too: then `instanceId` names it, and `planId` is the
 * instance's stream (`instance-<id>`), so the licence records that move once like any plan's; it is
 * no result of a switch programme.
 */
export const ProductSwitched = Schema.TaggedStruct("ProductSwitched", {
  planId: Schema.String,
  instanceId: Schema.optionalWith(Schema.String, { exact: true }),
  /** The account that held the licence then: its result and its mail are that account's. */
  accountId: Schema.String,
  fromProduct: Schema.String,
  productId: Schema.String,
  expiresOn: CalendarDate,
  at: Instant,
})

/** The plan left the licence where it was; the customer is told why and what to do. */
export const LicenseNotSwitched = Schema.TaggedStruct("LicenseNotSwitched", {
  planId: Schema.String,
  accountId: Schema.String,
  reason: NotSwitchedReason,
  at: Instant,
})

export type LicenseEvent =
  | typeof LicenseKeyIssued.Type
  | typeof LicenseRegistered.Type
  | typeof LicenseRenewed.Type
  | typeof LicenseSuspended.Type
  | typeof LicenseReinstated.Type
  | typeof LicenseChannelChanged.Type
  | typeof LicenseCancellationRecorded.Type
  | typeof ProductSwitched.Type
  | typeof LicenseNotSwitched.Type
