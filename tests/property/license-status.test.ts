import { DateTime, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { type LicenseStatus, licenseStatus } from "../../domain/licensing/license-status.js"

const order: Record<LicenseStatus, number> = { active: 0, expiring_soon: 1, expired: 2 }
const tokyo = { timeZone: "Asia/Tokyo", expiringSoonDays: 30 }
const at = (iso: string) => DateTime.unsafeMake(iso)

describe("licence status", () => {
  it("is valid through the whole expiry day in the account's time zone", () => {
    expect(licenseStatus("2026-03-31", at("2026-03-31T14:59:59.999Z"), tokyo)).toBe("expiring_soon")
    expect(licenseStatus("2026-03-31", at("2026-03-31T15:00:00.000Z"), tokyo)).toBe("expired")
    const newYork = { timeZone: "America/New_York", expiringSoonDays: 30 }
    expect(licenseStatus("2026-03-31", at("2026-04-01T03:59:59.000Z"), newYork)).toBe("expiring_soon")
    expect(licenseStatus("2026-03-31", at("2026-04-01T04:00:00.000Z"), newYork)).toBe("expired")
  })

  it("turns expiring soon exactly the configured number of days before the end", () => {
    expect(licenseStatus("2026-03-31", at("2026-03-01T14:59:59.999Z"), tokyo)).toBe("active")
    expect(licenseStatus("2026-03-31", at("2026-03-01T15:00:00.000Z"), tokyo)).toBe("expiring_soon")
    expect(
      licenseStatus("2026-03-31", at("2026-03-01T15:00:00.000Z"), { ...tokyo, expiringSoonDays: 7 }),
    ).toBe("active")
  })

  it("only moves forward in time for a fixed expiry: active → expiring_soon → expired", () => {
    const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) })
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2025-01-01"), max: new Date("2029-12-31"), noInvalidDate: true }),
        instant,
        instant,
        fc.constantFrom("Asia/Tokyo", "UTC", "America/Los_Angeles", "Pacific/Kiritimati"),
        fc.integer({ min: 0, max: 90 }),
        (expiry, a, b, timeZone, expiringSoonDays) => {
          const expiresOn = expiry.toISOString().slice(0, 10)
          const [early, late] = a <= b ? [a, b] : [b, a]
          const options = { timeZone, expiringSoonDays }
          const first = licenseStatus(expiresOn, DateTime.unsafeMake(early), options)
          const second = licenseStatus(expiresOn, DateTime.unsafeMake(late), options)
          expect(order[first]).toBeLessThanOrEqual(order[second])
        },
      ),
    )
  })
})
