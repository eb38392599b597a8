import { Schema } from "effect"
import { defineJobChannel, enqueue } from "../jobs/job-channel.js"

/**
 * The instance saga's steps, each a job written with the event that asks for it and run by any
 * `serve` that holds its lease; each calls the console port and records what it answered as a
 * command on the instance (or, at the end, on its licence).
 */
export const InstanceJob = Schema.Union(
  /** After ProvisioningRequested: until the console is provisioned. */
  Schema.TaggedStruct("Provision", { instanceId: Schema.String }),
  /** After UpdateRequested: the console begins the attempt's update, or has its temporary problem. */
  Schema.TaggedStruct("StartUpdate", { instanceId: Schema.String, attempt: Schema.Int }),
  /** After UpdateBegan: until the console has finished. */
  Schema.TaggedStruct("FinishUpdate", { instanceId: Schema.String, attempt: Schema.Int }),
  /** After InstanceSwitched: the licence moves to the instance's new product. */
  Schema.TaggedStruct("SwitchLicence", { instanceId: Schema.String, licenseKeyHash: Schema.String }),
)
export type InstanceJob = typeof InstanceJob.Type

export const instanceChannel = defineJobChannel("instances", InstanceJob)

export const instanceJob = (job: InstanceJob) => enqueue(instanceChannel, job)
