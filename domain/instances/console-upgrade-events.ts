import { Schema } from "effect"
import { EmailAddress } from "../accounts/profile.js"
import { Instant } from "../kernel/instant.js"

// A console user's "upgrade your account" (manual 004, STEP 3 end), on the stream
// `console-user-<instanceId>-<userName>`: each step of the e-mail verification as its own fact,
// then the user made an e-mail user account.

export const ConsoleUpgradeCodeSent = Schema.TaggedStruct("ConsoleUpgradeCodeSent", {
  email: EmailAddress,
  /** Keyed digest of the code: the code itself is only in the mail. */
  codeDigest: Schema.String,
  expiresAt: Instant,
  /** Before this, no other code is sent (the countdown). */
  resendAt: Instant,
  at: Instant,
})

export const ConsoleUpgradeCodeRejected = Schema.TaggedStruct("ConsoleUpgradeCodeRejected", {
  /** Wrong codes for the code waiting, this one included. */
  attempts: Schema.Int,
  at: Instant,
})

export const ConsoleUpgradeEmailVerified = Schema.TaggedStruct("ConsoleUpgradeEmailVerified", {
  email: EmailAddress,
  at: Instant,
})

/** The password was set: the user is an e-mail user account, and the old user name signs in no more. */
export const ConsoleUserUpgraded = Schema.TaggedStruct("ConsoleUserUpgraded", {
  email: EmailAddress,
  /** Argon2id PHC string (application/accounts/password-hasher.ts); never the password. */
  passwordHash: Schema.String,
  at: Instant,
})

export type ConsoleUpgradeEvent =
  | typeof ConsoleUpgradeCodeSent.Type
  | typeof ConsoleUpgradeCodeRejected.Type
  | typeof ConsoleUpgradeEmailVerified.Type
  | typeof ConsoleUserUpgraded.Type
