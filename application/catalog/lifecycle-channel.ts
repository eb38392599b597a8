import { Schema } from "effect"
import { defineJobChannel } from "../jobs/job-channel.js"

/** The sunset's jobs: written with the facts that ask for them, run by any `serve` that holds the lease. */
export const LifecycleJob = Schema.Union(
  /** Due at the instant: records `ServiceSunset`. */
  Schema.TaggedStruct("Apply", { productId: Schema.String, scheduleId: Schema.String }),
  /** One page of holders mailed, then the next page's job: a chain with its cursor in the product stream. */
  Schema.TaggedStruct("Notice", {
    productId: Schema.String,
    scheduleId: Schema.String,
    after: Schema.optional(Schema.String),
  }),
  /** After `ServiceSunset`: every app session of the product ends. */
  Schema.TaggedStruct("EndSessions", { productId: Schema.String }),
)
export type LifecycleJob = typeof LifecycleJob.Type

export const lifecycleChannel = defineJobChannel("lifecycle", LifecycleJob)

/** Holders mailed per notice job: one transaction of mail jobs each, small enough to retry. */
export const noticeBatchSize = 500
