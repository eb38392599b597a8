import { DateTime } from "effect"
import { describe, expect, it } from "vitest"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import {
  type LicenceForSwitch,
  passwordManagerSwitch,
  productOnRegistration,
  resultsVisible,
  switchOutcome,
} from "../../domain/switching/switch-rules.js"

// Manual 000's switch rules, as the plan's data decides them: every rule one row, the boundary days
// included, read in the account's time zone.

const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
const runDay = "2025-05-28"
const paid: LicenceForSwitch = {
  productId: "password-manager",
  channel: "direct",
  expiresOn: "2026-03-31",
  suspended: false,
}

describe("the switch plan's decision for one licence", () => {
  it.each([
    ["a running auto-renewal contract (direct)", {}, { _tag: "Switched", expiresOn: "2026-03-31" }],
    [
      "a running monthly plan through a provider",
      { channel: "monthly-provider" },
      { _tag: "Switched", expiresOn: "2026-03-31" },
    ],
    [
      "a contract cancelled on 4 June (the cut-off day)",
      { cancelledOn: "2025-06-04" },
      { _tag: "NotSwitched", reason: "cancelled-by-cutoff" },
    ],
    [
      "a contract cancelled before the cut-off",
      { cancelledOn: "2025-05-01" },
      { _tag: "NotSwitched", reason: "cancelled-by-cutoff" },
    ],
    [
      "a contract cancelled on 5 June (after the cut-off)",
      { cancelledOn: "2025-06-05" },
      { _tag: "Switched", expiresOn: "2026-03-31" },
    ],
    [
      "a monthly plan cancelled by the cut-off",
      { channel: "monthly-provider", cancelledOn: "2025-06-04" },
      { _tag: "NotSwitched", reason: "cancelled-by-cutoff" },
    ],
    ["an App Store purchase", { channel: "app-store" }, { _tag: "NotSwitched", reason: "in-app-purchase" }],
    [
      "a Google Play purchase",
      { channel: "google-play" },
      { _tag: "NotSwitched", reason: "in-app-purchase" },
    ],
    ["the free edition", { channel: "free" }, { _tag: "NotSwitched", reason: "free-edition" }],
    [
      "a licence that ended the day before the run",
      { expiresOn: "2025-05-27" },
      { _tag: "NotSwitched", reason: "expired" },
    ],
    [
      "a licence whose last day is the run's day",
      { expiresOn: runDay },
      { _tag: "Switched", expiresOn: runDay },
    ],
    ["a licence suspended by support", { suspended: true }, { _tag: "NotSwitched", reason: "suspended" }],
  ] as const)("%s", (_, change, outcome) => {
    expect(switchOutcome(rules, { ...paid, ...change }, runDay)).toEqual(outcome)
  })

  it("leaves out a channel the plan does not switch, with its own reason", () => {
    expect(switchOutcome(rules, { ...paid, channel: "reseller" }, runDay)).toEqual({
      _tag: "NotSwitched",
      reason: "channel-not-switched",
    })
    const directOnly = { ...rules, switchedChannels: ["direct" as const] }
    expect(switchOutcome(directOnly, { ...paid, channel: "monthly-provider" }, runDay)).toEqual({
      _tag: "NotSwitched",
      reason: "channel-not-switched",
    })
  })

  it("refuses a licence of another product: the caller picks the source licences", () => {
    expect(() => switchOutcome(rules, { ...paid, productId: "id-protection" }, runDay)).toThrow(
      /not a source/,
    )
  })
})

describe("unused keys and results, by the account's calendar day", () => {
  const tokyo = (iso: string) => calendarDateIn(DateTime.unsafeMake(iso), "Asia/Tokyo")
  const newYork = (iso: string) => calendarDateIn(DateTime.unsafeMake(iso), "America/New_York")

  it("registers an unused Password Manager key as ID Protection from 5 June in the account's zone", () => {
    // 4 June 23:59 and 5 June 00:00 in Tokyo.
    expect(productOnRegistration(rules, "password-manager", tokyo("2025-06-04T14:59:00Z"))).toBe(
      "password-manager",
    )
    expect(productOnRegistration(rules, "password-manager", tokyo("2025-06-04T15:00:00Z"))).toBe(
      "id-protection",
    )
    // The same instant is still 4 June in New York.
    expect(productOnRegistration(rules, "password-manager", newYork("2025-06-04T15:00:00Z"))).toBe(
      "password-manager",
    )
    expect(productOnRegistration(rules, "cloud-app-security", tokyo("2025-07-01T00:00:00Z"))).toBe(
      "cloud-app-security",
    )
  })

  it("shows the result from the plan's results day, not before", () => {
    expect(resultsVisible(rules, tokyo("2025-05-31T14:59:00Z"))).toBe(false)
    expect(resultsVisible(rules, tokyo("2025-05-31T15:00:00Z"))).toBe(true)
  })
})
