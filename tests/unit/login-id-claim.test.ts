import { describe, it } from "vitest"
import { LoginIdClaimed, loginIdClaimDecider } from "../../domain/accounts/login-id-claim.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-11-21T00:00:00.000Z")
const spec = deciderSpec(loginIdClaimDecider)

describe("login-ID claim decider", () => {
  it("claims a free login ID for the account", () => {
    spec
      .given([])
      .when({ _tag: "Claim", accountId: "acc-1", at })
      .thenEmits([LoginIdClaimed.make({ accountId: "acc-1", at })])
  })

  it("refuses another account, and changes nothing when the same account claims again", () => {
    spec
      .given([LoginIdClaimed.make({ accountId: "acc-1", at })])
      .when({ _tag: "Claim", accountId: "acc-2", at })
      .thenRefuses("LoginIdTaken")
    spec
      .given([LoginIdClaimed.make({ accountId: "acc-1", at })])
      .when({ _tag: "Claim", accountId: "acc-1", at })
      .thenNothing()
  })
})
