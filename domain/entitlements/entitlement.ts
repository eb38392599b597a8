import { DateTime, Option } from "effect"
import { type Instant, instantFromMillis } from "../kernel/instant.js"
import { expiryInstant } from "../licensing/license-status.js"

// What an account may use of one product today: its licences of the product that are valid in the
// account's calendar and not suspended by support. Pure: the signed token is made around it.

/** How long a signed entitlement is believed offline: a suspension reaches an app within a day. */
export const entitlementLifetimeMs = 24 * 60 * 60 * 1000

export interface HeldLicense {
  readonly id: string
  readonly productId: string
  readonly packageId: string
  readonly seats: number
  readonly licenseType: "full" | "trial"
  /** YYYY-MM-DD, valid through the end of that day in the account's zone. */
  readonly expiresOn: string
  readonly suspended: boolean
}

export interface EntitledLicense {
  readonly id: string
  readonly packageId: string
  readonly seats: number
  readonly licenseType: "full" | "trial"
  readonly expiresOn: string
}

export interface Entitlement {
  readonly productId: string
  readonly licenses: ReadonlyArray<EntitledLicense>
  /** The seats of every valid licence together (several licences on one account are fine: manual 000). */
  readonly seats: number
  /** The last instant any of them is valid: the end of its expiry day in the account's zone. */
  readonly validUntil: Instant
  /** The token's own end: the lifetime, or the licences' end if that comes first. */
  readonly expiresAt: Instant
}

/** None when no licence of the product is valid now: no entitlement at all (403 `not-entitled`). */
export const entitlementFor = (
  held: ReadonlyArray<HeldLicense>,
  productId: string,
  now: DateTime.Utc,
  timeZone: string,
): Option.Option<Entitlement> => {
  const at = DateTime.toEpochMillis(now)
  const valid = held
    .filter((l) => l.productId === productId && !l.suspended)
    .map((l) => ({ license: l, endsAt: DateTime.toEpochMillis(expiryInstant(l.expiresOn, timeZone)) }))
    .filter(({ endsAt }) => endsAt > at)
  if (valid.length === 0) return Option.none()
  const validUntil = Math.max(...valid.map((v) => v.endsAt))
  return Option.some({
    productId,
    licenses: valid.map(({ license: { id, packageId, seats, licenseType, expiresOn } }) => ({
      id,
      packageId,
      seats,
      licenseType,
      expiresOn,
    })),
    seats: valid.reduce((sum, v) => sum + v.license.seats, 0),
    validUntil: instantFromMillis(validUntil),
    // Whole seconds, as a JWT's `exp` states it: the answer and the token say the same instant.
    expiresAt: instantFromMillis(Math.floor(Math.min(validUntil, at + entitlementLifetimeMs) / 1000) * 1000),
  })
}
