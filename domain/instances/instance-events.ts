import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"

/** A user of the instance's console, as the console lists them (STEP 1's table). */
export const ConsoleUser = Schema.Struct({
  userName: Schema.String,
  displayName: Schema.String,
  role: Schema.String,
})
export type ConsoleUser = typeof ConsoleUser.Type

/** The customer asked for a Vision One console for the Apex One SaaS licence it belongs to. */
export const ProvisioningRequested = Schema.TaggedStruct("ProvisioningRequested", {
  accountId: Schema.String,
  licenseKeyHash: Schema.String,
  /** The licence's product at the time: the product the instance is connected as until the update. */
  productId: Schema.String,
  at: Instant,
})

export const ConsoleProvisioned = Schema.TaggedStruct("ConsoleProvisioned", { at: Instant })

/** "Add existing product": a token for the Apex One console, kept only as its keyed digest. */
export const RegistrationTokenIssued = Schema.TaggedStruct("RegistrationTokenIssued", {
  tokenDigest: Schema.String,
  expiresAt: Instant,
  at: Instant,
})

/** The Apex One console presented the token: registered there, connected here, with its users. */
export const InstanceConnected = Schema.TaggedStruct("InstanceConnected", {
  tokenDigest: Schema.String,
  consoleUsers: Schema.Array(ConsoleUser),
  at: Instant,
})

/** The customer accepted the three documents and acknowledged the update is permanent. */
export const UpdateRequested = Schema.TaggedStruct("UpdateRequested", {
  attempt: Schema.Int,
  at: Instant,
})

/** The console's temporary problem: the update did not begin; try again from `retryAt`. */
export const UpdateFailedForNow = Schema.TaggedStruct("UpdateFailedForNow", {
  attempt: Schema.Int,
  reason: Schema.String,
  retryAt: Instant,
  at: Instant,
})

/** The console began the update: from here on nothing is rolled back. */
export const UpdateBegan = Schema.TaggedStruct("UpdateBegan", { attempt: Schema.Int, at: Instant })

/**
 * The console finished: the instance is connected as the new product, and every console user must
 * upgrade at their next sign-in. The licence records its own ProductSwitched (domain/licensing).
 */
export const InstanceSwitched = Schema.TaggedStruct("InstanceSwitched", {
  attempt: Schema.Int,
  fromProduct: Schema.String,
  productId: Schema.String,
  at: Instant,
})

/** Support resumed the saga's waiting step; the step's job is written again, and runs it once more. */
export const SagaResumed = Schema.TaggedStruct("SagaResumed", {
  step: Schema.Literal("provision", "start-update", "finish-update"),
  attempt: Schema.optionalWith(Schema.Int, { exact: true }),
  at: Instant,
})

export type InstanceEvent =
  | typeof ProvisioningRequested.Type
  | typeof ConsoleProvisioned.Type
  | typeof RegistrationTokenIssued.Type
  | typeof InstanceConnected.Type
  | typeof UpdateRequested.Type
  | typeof UpdateFailedForNow.Type
  | typeof UpdateBegan.Type
  | typeof InstanceSwitched.Type
  | typeof SagaResumed.Type
