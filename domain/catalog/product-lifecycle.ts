import { Schema } from "effect"
import { type Instant, Instant as InstantSchema, isBefore } from "../kernel/instant.js"

/** Where a product is in its life, as gates and customers read it. */
export const ProductPhase = Schema.Literal("active", "sunset-scheduled", "ended")
export type ProductPhase = typeof ProductPhase.Type

const LifecycleActive = Schema.TaggedStruct("Active", {})
const LifecycleScheduled = Schema.TaggedStruct("SunsetScheduled", {
  scheduleId: Schema.String,
  endsAt: InstantSchema,
  successor: Schema.String,
  noticeLeadDays: Schema.Int,
  scheduledAt: InstantSchema,
  /** The last account id whose notice is queued; none before the first batch. */
  noticesThrough: Schema.optional(Schema.String),
  noticesQueued: Schema.Int,
  noticesDone: Schema.Boolean,
})
const LifecycleEnded = Schema.TaggedStruct("Ended", {
  scheduleId: Schema.String,
  endsAt: InstantSchema,
  endedAt: InstantSchema,
  successor: Schema.String,
})

/** A product's lifecycle, as the product stream folds it and the read model keeps it. */
export const ProductLifecycle = Schema.Union(LifecycleActive, LifecycleScheduled, LifecycleEnded)
export type ProductLifecycle = typeof ProductLifecycle.Type

export const activeLifecycle: ProductLifecycle = LifecycleActive.make({})

export const SunsetScheduled = Schema.TaggedStruct("SunsetScheduled", {
  productId: Schema.String,
  scheduleId: Schema.String,
  endsAt: InstantSchema,
  successor: Schema.String,
  noticeLeadDays: Schema.Int,
  /** The schedule this one takes the place of, when the operator moved the instant. */
  replaces: Schema.optional(Schema.String),
  at: InstantSchema,
})

export const SunsetCancelled = Schema.TaggedStruct("SunsetCancelled", {
  scheduleId: Schema.String,
  at: InstantSchema,
})

/** One page of holders told that the product ends; `through` is the page's last account id. */
export const SunsetNoticesQueued = Schema.TaggedStruct("SunsetNoticesQueued", {
  scheduleId: Schema.String,
  through: Schema.optional(Schema.String),
  count: Schema.Int,
  done: Schema.Boolean,
  at: InstantSchema,
})

/** The product ended: `at` is when this was applied, at or after `endsAt`. */
export const ServiceSunset = Schema.TaggedStruct("ServiceSunset", {
  productId: Schema.String,
  scheduleId: Schema.String,
  endsAt: InstantSchema,
  successor: Schema.String,
  at: InstantSchema,
})

export type LifecycleEvent =
  | typeof SunsetScheduled.Type
  | typeof SunsetCancelled.Type
  | typeof SunsetNoticesQueued.Type
  | typeof ServiceSunset.Type

/** The phase as the gates see it at one instant. */
export interface PhaseView {
  readonly phase: ProductPhase
  readonly endsAt?: Instant
  readonly endedAt?: Instant
  readonly successor?: string
}

/**
 * The phase at `at`, read by time: a schedule whose instant has passed is `ended` before the event
 * that records it is appended, so every process closes the gates at the same instant, whenever
 * its job runs.
 */
export const phaseAt = (lifecycle: ProductLifecycle, at: Instant): PhaseView => {
  switch (lifecycle._tag) {
    case "Active":
      return { phase: "active" }
    case "SunsetScheduled":
      return isBefore(at, lifecycle.endsAt)
        ? { phase: "sunset-scheduled", endsAt: lifecycle.endsAt, successor: lifecycle.successor }
        : {
            phase: "ended",
            endsAt: lifecycle.endsAt,
            endedAt: lifecycle.endsAt,
            successor: lifecycle.successor,
          }
    case "Ended":
      return {
        phase: "ended",
        endsAt: lifecycle.endsAt,
        endedAt: lifecycle.endedAt,
        successor: lifecycle.successor,
      }
  }
}
