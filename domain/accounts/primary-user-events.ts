import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"
import { EmailAddress } from "./profile.js"

// The primary user account's events (manual 004, STEP 2, 3–9), on the stream `primary-user-<accountId>`:
// each step of the e-mail verification as its own fact, then the account made e-mail based.

export const PrimaryEmailCodeSent = Schema.TaggedStruct("PrimaryEmailCodeSent", {
  email: EmailAddress,
  /** Keyed digest of the code: the code itself is only in the mail. */
  codeDigest: Schema.String,
  expiresAt: Instant,
  /** Before this, no other code is sent (the manual's countdown). */
  resendAt: Instant,
  at: Instant,
})

export const PrimaryEmailCodeRejected = Schema.TaggedStruct("PrimaryEmailCodeRejected", {
  /** Wrong codes for the code waiting, this one included. */
  attempts: Schema.Int,
  at: Instant,
})

export const PrimaryEmailVerified = Schema.TaggedStruct("PrimaryEmailVerified", {
  email: EmailAddress,
  at: Instant,
})

/** The password was updated and the address became the account's sign-in name. */
export const PrimaryUserAccountCompleted = Schema.TaggedStruct("PrimaryUserAccountCompleted", {
  email: EmailAddress,
  at: Instant,
})

export type PrimaryUserEvent =
  | typeof PrimaryEmailCodeSent.Type
  | typeof PrimaryEmailCodeRejected.Type
  | typeof PrimaryEmailVerified.Type
  | typeof PrimaryUserAccountCompleted.Type
