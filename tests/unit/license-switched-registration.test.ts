import { describe, expect, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import { licenseDecider } from "../../domain/licensing/license.js"
import { LicenseKeyIssued, LicenseRegistered } from "../../domain/licensing/license-events.js"
import type { PlannedSwitch } from "../../domain/switching/key-registration.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { deciderSpec } from "../support/decider-spec.js"

// Manual 000: an unused Password Manager key registers as ID Protection from the plan's day, and as
// Password Manager before it. The registration hands the decider the plans from the key's product;
// the day is the account's (its zone is the caller's, see the http test).

const at = Instant.make("2025-06-04T15:00:00.000Z")
const key = {
  keyHash: "h",
  sealedKey: "v1.k.n.b",
  kind: "ac" as const,
  productId: "password-manager",
  packageId: "annual",
  seats: 1,
  licenseType: "full" as const,
  expiresOn: "2026-06-30",
  channel: "direct" as const,
  batchId: "b1",
}
const issued = LicenseKeyIssued.make({ ...key, at })
const plan: PlannedSwitch = {
  planId: "plan-1",
  rules: passwordManagerSwitch({
    cancelCutoff: "2025-06-04",
    keysValidFrom: "2025-06-05",
    resultsFrom: "2025-06-01",
  }),
}
const asSuccessor = LicenseRegistered.make({
  accountId: "acc-1",
  productId: "id-protection",
  switchPlanId: "plan-1",
  at,
})
const spec = deciderSpec(licenseDecider)
const register = (today: string, switches: ReadonlyArray<PlannedSwitch> = [plan], accountId = "acc-1") =>
  ({ _tag: "Register", accountId, today, switches, at }) as const

describe("registering an unused key of a switch's source product", () => {
  it("registers as the key's own product the day before the plan's day", () => {
    spec
      .given([issued])
      .when(register("2025-06-04"))
      .thenEmits([LicenseRegistered.make({ accountId: "acc-1", at })])
  })

  it("registers as the plan's target from its day, naming the plan", () => {
    spec.given([issued]).when(register("2025-06-05")).thenEmits([asSuccessor])
    spec.given([issued]).when(register("2025-11-20")).thenEmits([asSuccessor])
    // The licence is then the target's, with the key's other terms.
    const { state } = spec.given([issued, asSuccessor]).when(register("2025-06-05"))
    expect(state._tag === "Registered" && state.key).toEqual({ ...key, productId: "id-protection" })
  })

  it("is a repeat for the same account and refused for another, whatever the plans say", () => {
    spec.given([issued, asSuccessor]).when(register("2025-06-06")).thenNothing()
    spec
      .given([issued, asSuccessor])
      .when(register("2025-06-06", [plan], "acc-2"))
      .thenRefuses("LicenseAlreadyRegistered")
  })

  it("leaves a key of another product, and a registration without plans, as they are", () => {
    const business = LicenseKeyIssued.make({ ...key, productId: "cloud-app-security", at })
    spec
      .given([business])
      .when(register("2025-06-05"))
      .thenEmits([LicenseRegistered.make({ accountId: "acc-1", at })])
    spec
      .given([issued])
      .when(register("2025-06-05", []))
      .thenEmits([LicenseRegistered.make({ accountId: "acc-1", at })])
  })

  it("still refuses an expired key, on the plan's day or after", () => {
    spec
      .given([LicenseKeyIssued.make({ ...key, expiresOn: "2025-06-04", at })])
      .when(register("2025-06-05"))
      .thenRefuses("LicenseKeyExpired", { expiresOn: "2025-06-04" })
  })

  it("follows the first plan, in the order they were made, whose day has come", () => {
    const later: PlannedSwitch = {
      planId: "plan-2",
      rules: { ...plan.rules, toProduct: "other", keysValidFrom: "2025-06-10" },
    }
    const earlier: PlannedSwitch = { ...plan, planId: "plan-3" }
    spec
      .given([issued])
      .when(register("2025-06-05", [later, earlier]))
      .thenEmits([
        LicenseRegistered.make({
          accountId: "acc-1",
          productId: "id-protection",
          switchPlanId: "plan-3",
          at,
        }),
      ])
    spec
      .given([issued])
      .when(register("2025-06-10", [later, earlier]))
      .thenEmits([
        LicenseRegistered.make({ accountId: "acc-1", productId: "other", switchPlanId: "plan-2", at }),
      ])
  })
})
