import { DateTime, Option } from "effect"
import { describe, expect, it } from "vitest"
import { entitlementFor, type HeldLicense } from "../../domain/entitlements/entitlement.js"
import {
  SigningKeyPublished,
  SigningKeyRetired,
  signingKeysDecider,
} from "../../domain/entitlements/signing-keys.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

const day = 24 * 60 * 60 * 1000
const at = Instant.make("2026-12-01T00:00:00.000Z")
const nextDay = Instant.make("2026-12-02T00:00:00.000Z")
const twoDaysOn = Instant.make("2026-12-03T00:00:00.000Z")
const a = SigningKeyPublished.make({ kid: "kid-a", x: "xa", at })
const b = SigningKeyPublished.make({ kid: "kid-b", x: "xb", at: nextDay })
const spec = deciderSpec(signingKeysDecider)
const retire = (kid: string, when: Instant) =>
  ({ _tag: "Retire", kid, currentKid: "kid-b", lifetimeMs: day, at: when }) as const

describe("signing keys decider", () => {
  it("publishes a key once", () => {
    spec.given([]).when({ _tag: "Publish", kid: "kid-a", x: "xa", at }).thenEmits([a])
    spec.given([a]).when({ _tag: "Publish", kid: "kid-a", x: "xa", at: nextDay }).thenNothing()
  })

  it("retires an old key only a lifetime after its successor, never the current one, and once", () => {
    spec.given([a]).when(retire("kid-a", twoDaysOn)).thenRefuses("SigningKeyStillVerifying")
    spec.given([a, b]).when(retire("kid-a", nextDay)).thenRefuses("SigningKeyStillVerifying")
    spec
      .given([a, b])
      .when(retire("kid-a", twoDaysOn))
      .thenEmits([SigningKeyRetired.make({ kid: "kid-a", at: twoDaysOn })])
    spec
      .given([a, b, SigningKeyRetired.make({ kid: "kid-a", at: twoDaysOn })])
      .when(retire("kid-a", twoDaysOn))
      .thenNothing()
    spec.given([a, b]).when(retire("kid-b", twoDaysOn)).thenRefuses("SigningKeyInUse")
    spec.given([a]).when(retire("kid-z", twoDaysOn)).thenRefuses("SigningKeyUnknown")
  })

  it("never lets a retired key sign again", () => {
    spec
      .given([a, b, SigningKeyRetired.make({ kid: "kid-a", at: twoDaysOn })])
      .when({ _tag: "Publish", kid: "kid-a", x: "xa", at: twoDaysOn })
      .thenRefuses("SigningKeyRetiredAlready")
  })
})

const licence = (overrides: Partial<HeldLicense>): HeldLicense => ({
  id: "l1",
  productId: "cloud-app-security",
  packageId: "standard",
  seats: 50,
  licenseType: "full",
  expiresOn: "2026-12-31",
  suspended: false,
  ...overrides,
})

describe("entitlementFor", () => {
  const now = DateTime.unsafeMake("2026-12-31T10:00:00.000Z")

  it("sums the valid licences of the product and ends the token at the earlier of a day and their end", () => {
    const found = entitlementFor(
      [
        licence({}),
        licence({ id: "l2", seats: 10, expiresOn: "2027-03-31" }),
        licence({ id: "l3", suspended: true }),
        licence({ id: "l4", productId: "id-protection" }),
        licence({ id: "l5", expiresOn: "2026-12-30" }),
      ],
      "cloud-app-security",
      now,
      "Asia/Tokyo",
    )
    expect(Option.getOrThrow(found)).toMatchObject({
      seats: 60,
      licenses: [expect.objectContaining({ id: "l1" }), expect.objectContaining({ id: "l2" })],
      validUntil: "2027-03-31T15:00:00.000Z",
      expiresAt: "2027-01-01T10:00:00.000Z",
    })
    // The last day in Tokyo ends at 15:00 UTC: a token issued then lasts only until then.
    const lastDay = entitlementFor([licence({})], "cloud-app-security", now, "Asia/Tokyo")
    expect(Option.getOrThrow(lastDay).expiresAt).toBe("2026-12-31T15:00:00.000Z")
  })

  it("gives nothing once the expiry day is over in the account's zone, or when all are suspended", () => {
    const late = DateTime.unsafeMake("2026-12-31T15:00:00.000Z")
    expect(Option.isNone(entitlementFor([licence({})], "cloud-app-security", late, "Asia/Tokyo"))).toBe(true)
    // Still the 31st in Paris.
    expect(Option.isSome(entitlementFor([licence({})], "cloud-app-security", late, "Europe/Paris"))).toBe(
      true,
    )
    expect(
      Option.isNone(entitlementFor([licence({ suspended: true })], "cloud-app-security", now, "Asia/Tokyo")),
    ).toBe(true)
  })
})
