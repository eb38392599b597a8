import { describe, it } from "vitest"
import { ProductCataloged, productDecider } from "../../domain/catalog/product.js"
import {
  ServiceSunset,
  SunsetCancelled,
  SunsetNoticesQueued,
  SunsetScheduled,
} from "../../domain/catalog/product-lifecycle.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

const spec = deciderSpec(productDecider)
const productId = "password-manager"
const details = (sampleCatalog.find((p) => p.productId === productId) ?? sampleCatalog[0])!.details
const t0 = Instant.make("2025-10-01T00:00:00.000Z")
const endsAt = Instant.make("2025-11-15T15:00:00.000Z")
const before = Instant.make("2025-11-15T14:59:59.999Z")
const after = Instant.make("2025-11-15T15:00:05.000Z")
const cataloged = ProductCataloged.make({ productId, details, at: t0 })
const schedule = {
  _tag: "ScheduleSunset" as const,
  productId,
  scheduleId: "s1",
  endsAt,
  successor: "id-protection",
  successorPhase: "active" as const,
  noticeLeadDays: 30,
  at: t0,
}
const scheduled = SunsetScheduled.make({
  productId,
  scheduleId: "s1",
  endsAt,
  successor: "id-protection",
  noticeLeadDays: 30,
  at: t0,
})
const sunset = ServiceSunset.make({
  productId,
  scheduleId: "s1",
  endsAt,
  successor: "id-protection",
  at: after,
})

describe("product lifecycle", () => {
  it("schedules a sunset with its successor; the same schedule again changes nothing", () => {
    spec.given([cataloged]).when(schedule).thenEmits([scheduled])
    spec
      .given([cataloged, scheduled])
      .when({ ...schedule, scheduleId: "s2" })
      .thenNothing()
  })

  it("moving the instant replaces the schedule, until the old instant has passed", () => {
    const later = Instant.make("2025-12-01T00:00:00.000Z")
    spec
      .given([cataloged, scheduled])
      .when({ ...schedule, scheduleId: "s2", endsAt: later })
      .thenEmits([SunsetScheduled.make({ ...scheduled, scheduleId: "s2", endsAt: later, replaces: "s1" })])
    spec
      .given([cataloged, scheduled])
      .when({ ...schedule, scheduleId: "s2", endsAt: later, at: after })
      .thenRefuses("SunsetAlreadyDue", { endsAt })
  })

  it("refuses an instant in the past, an unknown, ended or self successor, and an unknown product", () => {
    spec
      .given([cataloged])
      .when({ ...schedule, at: after })
      .thenRefuses("SunsetInPast")
    spec
      .given([cataloged])
      .when({ ...schedule, successorPhase: "unknown" })
      .thenRefuses("SuccessorInvalid", {
        reason: "unknown",
      })
    spec
      .given([cataloged])
      .when({ ...schedule, successorPhase: "ended" })
      .thenRefuses("SuccessorInvalid", {
        reason: "ended",
      })
    spec
      .given([cataloged])
      .when({ ...schedule, successor: productId })
      .thenRefuses("SuccessorInvalid", {
        reason: "itself",
      })
    spec.given([]).when(schedule).thenRefuses("ProductUnknown", { productId })
    // A successor that is itself scheduled to end is allowed: products can be replaced in a chain.
    spec
      .given([cataloged])
      .when({ ...schedule, successorPhase: "sunset-scheduled" })
      .thenEmits([scheduled])
  })

  it("cancels before the instant only; cancelling nothing changes nothing", () => {
    spec
      .given([cataloged, scheduled])
      .when({ _tag: "CancelSunset", productId, at: before })
      .thenEmits([SunsetCancelled.make({ scheduleId: "s1", at: before })])
    spec
      .given([cataloged, scheduled])
      .when({ _tag: "CancelSunset", productId, at: endsAt })
      .thenRefuses("SunsetAlreadyDue")
    spec.given([cataloged]).when({ _tag: "CancelSunset", productId, at: before }).thenNothing()
    spec
      .given([cataloged, scheduled, sunset])
      .when({ _tag: "CancelSunset", productId, at: after })
      .thenRefuses("ServiceAlreadyEnded", { endedAt: after })
  })

  it("applies a due sunset once; early is refused; a stale or repeated job changes nothing", () => {
    const apply = { _tag: "ApplySunset" as const, productId, scheduleId: "s1", at: after }
    spec.given([cataloged, scheduled]).when(apply).thenEmits([sunset])
    spec
      .given([cataloged, scheduled])
      .when({ ...apply, at: before })
      .thenRefuses("SunsetNotDue", { endsAt })
    spec.given([cataloged, scheduled, sunset]).when(apply).thenNothing()
    spec
      .given([cataloged, scheduled])
      .when({ ...apply, scheduleId: "s0" })
      .thenNothing()
    spec
      .given([cataloged, scheduled, SunsetCancelled.make({ scheduleId: "s1", at: before })])
      .when(apply)
      .thenNothing()
  })

  it("an ended product cannot be scheduled again", () => {
    spec
      .given([cataloged, scheduled, sunset])
      .when({ ...schedule, at: after })
      .thenRefuses("ServiceAlreadyEnded")
  })

  it("records notice batches in order; a batch run again or out of order changes nothing", () => {
    const batch = {
      _tag: "RecordNoticeBatch" as const,
      productId,
      scheduleId: "s1",
      after: undefined,
      through: "acc-500",
      count: 500,
      done: false,
      at: t0,
    }
    const first = SunsetNoticesQueued.make({
      scheduleId: "s1",
      through: "acc-500",
      count: 500,
      done: false,
      at: t0,
    })
    spec.given([cataloged, scheduled]).when(batch).thenEmits([first])
    spec.given([cataloged, scheduled, first]).when(batch).thenNothing()
    spec
      .given([cataloged, scheduled, first])
      .when({ ...batch, after: "acc-500", through: "acc-700", count: 200, done: true })
      .thenEmits([
        SunsetNoticesQueued.make({ scheduleId: "s1", through: "acc-700", count: 200, done: true, at: t0 }),
      ])
    spec
      .given([cataloged, scheduled])
      .when({ ...batch, after: "acc-500" })
      .thenNothing()
    spec
      .given([cataloged, scheduled])
      .when({ ...batch, scheduleId: "s0" })
      .thenNothing()
    spec
      .given([cataloged, scheduled, first])
      .when({ ...batch, after: "acc-500", through: "acc-500", count: 0 })
      .thenNothing()
    spec
      .given([cataloged, scheduled, first])
      .when({ ...batch, after: "acc-500", through: "acc-500", count: 0, done: true })
      .thenEmits([
        SunsetNoticesQueued.make({ scheduleId: "s1", through: "acc-500", count: 0, done: true, at: t0 }),
      ])
  })
})
