import { describe, expect, it } from "vitest"
import { appSessionDecider } from "../../domain/apps/app-session.js"
import {
  AppSessionEnded,
  AppSessionOpened,
  AppSessionRefreshed,
  RefreshTokenReuseDetected,
} from "../../domain/apps/app-session-events.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-12-01T09:00:00.000Z")
const later = Instant.make("2026-12-01T09:15:00.000Z")
const expires = Instant.make("2026-12-31T09:00:00.000Z")
const afterExpiry = Instant.make("2026-12-31T09:00:00.000Z")
const open = {
  _tag: "Open" as const,
  accountId: "acc-1",
  productId: "password-manager",
  deviceName: "Anna's phone",
  familyId: "fam-1",
  refreshDigest: "r0",
  refreshExpiresAt: expires,
  at,
}
const { _tag, ...openedFields } = open
const opened = AppSessionOpened.make(openedFields)
const refreshed = AppSessionRefreshed.make({
  generation: 1,
  refreshDigest: "r1",
  refreshExpiresAt: expires,
  at: later,
})
const refresh = (presentedDigest: string, nextDigest = "r-next", when = later) => ({
  _tag: "Refresh" as const,
  presentedDigest,
  nextDigest,
  nextExpiresAt: expires,
  at: when,
})
const spec = deciderSpec(appSessionDecider)

describe("app session decider", () => {
  it("opens once", () => {
    spec.given([]).when(open).thenEmits([opened])
    spec.given([opened]).when(open).thenRefuses("AppSessionAlreadyOpened")
  })

  it("rotates the refresh token: the current one buys the next generation", () => {
    spec.given([opened]).when(refresh("r0", "r1")).thenEmits([refreshed])
    const { state } = spec.given([opened, refreshed]).when(refresh("r1"))
    expect(state).toMatchObject({ _tag: "Open", generation: 1, refreshDigest: "r1", retired: ["r0"] })
  })

  it("revokes the family when a retired token comes back, and refuses every refresh after", () => {
    spec
      .given([opened, refreshed])
      .when(refresh("r0"))
      .thenEmits([
        RefreshTokenReuseDetected.make({
          familyId: "fam-1",
          replayedGeneration: 0,
          currentGeneration: 1,
          at: later,
        }),
        AppSessionEnded.make({ reason: "reuse-detected", at: later }),
      ])
    const revoked = [opened, refreshed, AppSessionEnded.make({ reason: "reuse-detected", at: later })]
    spec.given(revoked).when(refresh("r1")).thenRefuses("AppSessionHasEnded", { reason: "reuse-detected" })
  })

  it("refuses a token it never issued without revoking anything, and an expired one", () => {
    spec.given([opened]).when(refresh("guess")).thenRefuses("RefreshTokenInvalid")
    spec
      .given([opened])
      .when(refresh("r0", "r1", afterExpiry))
      .thenRefuses("RefreshTokenExpired")
    spec.given([]).when(refresh("r0")).thenRefuses("AppSessionUnknown")
  })

  it("ends once with its reason; ending again changes nothing", () => {
    const end = { _tag: "End" as const, reason: "service-ended" as const, at: later }
    spec
      .given([opened])
      .when(end)
      .thenEmits([AppSessionEnded.make({ reason: "service-ended", at: later })])
    spec
      .given([opened, AppSessionEnded.make({ reason: "service-ended", at: later })])
      .when(end)
      .thenNothing()
    spec.given([]).when(end).thenRefuses("AppSessionUnknown")
    spec
      .given([opened, AppSessionEnded.make({ reason: "signed-out", at: later })])
      .when(refresh("r0"))
      .thenRefuses("AppSessionHasEnded", { reason: "signed-out" })
  })
})
