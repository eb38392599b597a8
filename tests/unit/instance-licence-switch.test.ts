import { describe, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import { instancePlanId } from "../../domain/licensing/instance-switch.js"
import { licenseDecider } from "../../domain/licensing/license.js"
import {
  LicenseKeyIssued,
  LicenseRegistered,
  ProductSwitched,
} from "../../domain/licensing/license-events.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-12-07T09:00:00.000Z")
const key = {
  keyHash: "kh",
  sealedKey: "v1.k.n.b",
  kind: "rk" as const,
  productId: "apex-one-saas",
  packageId: "standard",
  seats: 50,
  licenseType: "full" as const,
  expiresOn: "2027-03-31",
  channel: "direct" as const,
  batchId: "b1",
}
const issued = LicenseKeyIssued.make({ ...key, at })
const registered = LicenseRegistered.make({ accountId: "acc-1", at })
const spec = deciderSpec(licenseDecider)
const command = { _tag: "SwitchForInstance" as const, instanceId: "kh", productId: "vision-one-sep", at }
const switched = ProductSwitched.make({
  planId: instancePlanId("kh"),
  instanceId: "kh",
  accountId: "acc-1",
  fromProduct: "apex-one-saas",
  productId: "vision-one-sep",
  expiresOn: "2027-03-31",
  at,
})

describe("licence decider: an updated product instance moves its licence", () => {
  it("to the instance's new product once, with the same last day, naming the instance", () => {
    spec.given([issued, registered]).when(command).thenEmits([switched])
    spec.given([issued, registered, switched]).when(command).thenNothing()
  })
  it("only a registered licence", () => {
    spec.given([]).when(command).thenRefuses("LicenseKeyUnknown")
    spec.given([issued]).when(command).thenRefuses("LicenseNotRegistered")
  })
})
