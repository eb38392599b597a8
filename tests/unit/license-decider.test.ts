import { describe, expect, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import { licenseDecider } from "../../domain/licensing/license.js"
import {
  LicenseCancellationRecorded,
  LicenseChannelChanged,
  type LicenseEvent,
  LicenseKeyIssued,
  LicenseNotSwitched,
  LicenseRegistered,
  LicenseReinstated,
  LicenseRenewed,
  LicenseSuspended,
  ProductSwitched,
} from "../../domain/licensing/license-events.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-11-21T00:00:00.000Z")
const key = {
  keyHash: "h",
  sealedKey: "v1.k.n.b",
  kind: "rk" as const,
  productId: "cloud-app-security",
  packageId: "standard",
  seats: 10,
  licenseType: "full" as const,
  expiresOn: "2027-03-31",
  channel: "direct" as const,
  batchId: "b1",
}
const issued = LicenseKeyIssued.make({ ...key, at })
const registered = LicenseRegistered.make({ accountId: "acc-1", at })
const spec = deciderSpec(licenseDecider)

describe("licence decider", () => {
  it("issues a key once", () => {
    spec.given([]).when({ _tag: "IssueKey", key, at }).thenEmits([issued])
    spec.given([issued]).when({ _tag: "IssueKey", key, at }).thenRefuses("LicenseKeyAlreadyIssued")
  })

  it("registers an issued key to an account, once; the same account again changes nothing", () => {
    spec
      .given([issued])
      .when({ _tag: "Register", accountId: "acc-1", today: "2026-11-21", at })
      .thenEmits([registered])
    spec
      .given([issued, registered])
      .when({ _tag: "Register", accountId: "acc-1", today: "2026-11-21", at })
      .thenNothing()
    spec
      .given([issued, registered])
      .when({ _tag: "Register", accountId: "acc-2", today: "2026-11-21", at })
      .thenRefuses("LicenseAlreadyRegistered")
  })

  it("refuses an unknown key and an expired one, but registers on its last day", () => {
    spec
      .given([])
      .when({ _tag: "Register", accountId: "a", today: "2026-11-21", at })
      .thenRefuses("LicenseKeyUnknown")
    spec
      .given([issued])
      .when({ _tag: "Register", accountId: "a", today: "2027-04-01", at })
      .thenRefuses("LicenseKeyExpired")
    spec
      .given([issued])
      .when({ _tag: "Register", accountId: "acc-1", today: "2027-03-31", at })
      .thenEmits([registered])
  })

  it("renews to a new expiry, remembering the old one", () => {
    spec
      .given([issued, registered])
      .when({ _tag: "Renew", expiresOn: "2028-03-31", at })
      .thenEmits([LicenseRenewed.make({ expiresOn: "2028-03-31", previousExpiresOn: "2027-03-31", at })])
    spec.given([issued]).when({ _tag: "Renew", expiresOn: "2027-03-31", at }).thenNothing()
  })

  it("suspends and reinstates a registered licence, each only once", () => {
    const suspended = LicenseSuspended.make({ reason: "chargeback", at })
    spec
      .given([issued, registered])
      .when({ _tag: "Suspend", reason: "chargeback", at })
      .thenEmits([suspended])
    spec.given([issued, registered, suspended]).when({ _tag: "Suspend", reason: "again", at }).thenNothing()
    spec
      .given([issued, registered, suspended])
      .when({ _tag: "Reinstate", at })
      .thenEmits([LicenseReinstated.make({ at })])
    spec.given([issued, registered]).when({ _tag: "Reinstate", at }).thenNothing()
    spec.given([issued]).when({ _tag: "Suspend", reason: "x", at }).thenRefuses("LicenseNotRegistered")
  })

  it("keeps why and since when a licence stands suspended, and stands active again once reinstated", () => {
    const suspended = LicenseSuspended.make({ reason: "chargeback", at })
    const standing = (events: ReadonlyArray<LicenseEvent>) => {
      const { state } = spec.given(events).when({ _tag: "Reinstate", at })
      return state._tag === "Registered" ? state.standing : undefined
    }
    expect(standing([issued, registered])).toEqual({ _tag: "Active" })
    expect(standing([issued, registered, suspended])).toEqual({
      _tag: "Suspended",
      reason: "chargeback",
      since: at,
    })
    expect(standing([issued, registered, suspended, LicenseReinstated.make({ at })])).toEqual({
      _tag: "Active",
    })
  })

  it("records a corrected channel once, issued or registered; an unknown key has none", () => {
    const changed = LicenseChannelChanged.make({ channel: "app-store", previousChannel: "direct", at })
    spec.given([issued]).when({ _tag: "ChangeChannel", channel: "app-store", at }).thenEmits([changed])
    spec
      .given([issued, registered, changed])
      .when({ _tag: "ChangeChannel", channel: "app-store", at })
      .thenNothing()
    spec.given([issued]).when({ _tag: "ChangeChannel", channel: "direct", at }).thenNothing()
    spec.given([]).when({ _tag: "ChangeChannel", channel: "free", at }).thenRefuses("LicenseKeyUnknown")
    const { state } = spec.given([issued, changed]).when({ _tag: "ChangeChannel", channel: "app-store", at })
    expect(state._tag !== "Unknown" && state.key.channel).toBe("app-store")
  })

  it("records the day a registered contract was cancelled; the same day again changes nothing", () => {
    const cancelled = LicenseCancellationRecorded.make({ cancelledOn: "2025-06-04", at })
    spec
      .given([issued, registered])
      .when({ _tag: "RecordCancellation", cancelledOn: "2025-06-04", at })
      .thenEmits([cancelled])
    spec
      .given([issued, registered, cancelled])
      .when({ _tag: "RecordCancellation", cancelledOn: "2025-06-04", at })
      .thenNothing()
    // A corrected day is recorded again.
    spec
      .given([issued, registered, cancelled])
      .when({ _tag: "RecordCancellation", cancelledOn: "2025-06-03", at })
      .thenEmits([LicenseCancellationRecorded.make({ cancelledOn: "2025-06-03", at })])
    spec
      .given([issued])
      .when({ _tag: "RecordCancellation", cancelledOn: "2025-06-04", at })
      .thenRefuses("LicenseNotRegistered")
    const { state } = spec
      .given([issued, registered, cancelled])
      .when({ _tag: "RecordCancellation", cancelledOn: "2025-06-04", at })
    // Still valid to its last day: the standing is untouched.
    expect(state._tag === "Registered" && [state.cancelledOn, state.standing._tag]).toEqual([
      "2025-06-04",
      "Active",
    ])
  })

  describe("a switch plan", () => {
    const rules = passwordManagerSwitch({
      cancelCutoff: "2025-06-04",
      keysValidFrom: "2025-06-05",
      resultsFrom: "2025-06-01",
    })
    const pm = LicenseKeyIssued.make({ ...key, productId: "password-manager", expiresOn: "2025-12-31", at })
    const apply = { _tag: "ApplySwitch" as const, planId: "p1", rules, today: "2025-05-31", at }
    const switched = ProductSwitched.make({
      planId: "p1",
      accountId: "acc-1",
      fromProduct: "password-manager",
      productId: "id-protection",
      expiresOn: "2025-12-31",
      at,
    })

    it("switches a licence in force to the target with the same last day, once", () => {
      spec.given([pm, registered]).when(apply).thenEmits([switched])
      spec.given([pm, registered, switched]).when(apply).thenNothing()
    })

    it("records why a licence is not switched, once", () => {
      const cancelled = LicenseCancellationRecorded.make({ cancelledOn: "2025-06-04", at })
      const notSwitched = LicenseNotSwitched.make({
        planId: "p1",
        accountId: "acc-1",
        reason: "cancelled-by-cutoff",
        at,
      })
      spec.given([pm, registered, cancelled]).when(apply).thenEmits([notSwitched])
      spec.given([pm, registered, cancelled, notSwitched]).when(apply).thenNothing()
      spec
        .given([pm, registered, LicenseCancellationRecorded.make({ cancelledOn: "2025-06-05", at })])
        .when(apply)
        .thenEmits([switched])
      spec
        .given([
          pm,
          registered,
          LicenseChannelChanged.make({ channel: "app-store", previousChannel: "direct", at }),
        ])
        .when(apply)
        .thenEmits([{ ...notSwitched, reason: "in-app-purchase" }])
      spec
        .given([pm, registered, LicenseSuspended.make({ reason: "chargeback", at })])
        .when(apply)
        .thenEmits([{ ...notSwitched, reason: "suspended" }])
      spec
        .given([pm, registered])
        .when({ ...apply, today: "2026-01-01" })
        .thenEmits([{ ...notSwitched, reason: "expired" }])
    })

    it("leaves unused keys and other products alone; another plan decides afresh", () => {
      spec.given([pm]).when(apply).thenRefuses("LicenseNotRegistered")
      spec.given([]).when(apply).thenRefuses("LicenseKeyUnknown")
      spec.given([issued, registered]).when(apply).thenNothing()
      spec
        .given([pm, registered, switched])
        .when({ ...apply, planId: "p2" })
        .thenNothing()
    })
  })
})
