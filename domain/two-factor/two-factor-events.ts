import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"
import { Actor } from "../kernel/metadata.js"

// Codes never reach the log: e-mailed codes and recovery codes as keyed digests, the TOTP secret
// sealed under the server key (and erased when 2FA is disabled or the device changed). A login
// challenge is named by a keyed digest of its id, which only the client holds.

/** Which code was checked. */
export const CodePurpose = Schema.Literal("verification", "activation", "totp", "emergency", "recovery")
export type CodePurpose = typeof CodePurpose.Type

export const TwoFactorVerificationSent = Schema.TaggedStruct("TwoFactorVerificationSent", {
  codeDigest: Schema.String,
  expiresAt: Instant,
  at: Instant,
})

export const TwoFactorVerificationConfirmed = Schema.TaggedStruct("TwoFactorVerificationConfirmed", {
  at: Instant,
})

export const TwoFactorEnrollmentStarted = Schema.TaggedStruct("TwoFactorEnrollmentStarted", {
  enrollmentId: Schema.String,
  /** The TOTP secret, sealed under the server key and bound to this account. */
  sealedSecret: Schema.String,
  at: Instant,
})

export const TwoFactorEnabled = Schema.TaggedStruct("TwoFactorEnabled", {
  enrollmentId: Schema.String,
  /** The time step of the code that enabled it: never accepted again. */
  step: Schema.Int,
  recoveryCodeDigests: Schema.Array(Schema.String),
  at: Instant,
})

export const TwoFactorDeviceChanged = Schema.TaggedStruct("TwoFactorDeviceChanged", {
  enrollmentId: Schema.String,
  previousEnrollmentId: Schema.String,
  step: Schema.Int,
  at: Instant,
})

export const TwoFactorDisabled = Schema.TaggedStruct("TwoFactorDisabled", {
  by: Actor,
  reason: Schema.optional(Schema.String),
  at: Instant,
})

export const TwoFactorRecoveryCodesIssued = Schema.TaggedStruct("TwoFactorRecoveryCodesIssued", {
  recoveryCodeDigests: Schema.Array(Schema.String),
  at: Instant,
})

export const TwoFactorReminderDismissed = Schema.TaggedStruct("TwoFactorReminderDismissed", {
  at: Instant,
})

export const TwoFactorCodeRejected = Schema.TaggedStruct("TwoFactorCodeRejected", {
  purpose: CodePurpose,
  /** The login challenge it was given for, if any. */
  challengeKey: Schema.optional(Schema.String),
  /** Wrong codes so far, for this challenge or this verification. */
  attempts: Schema.Int,
  at: Instant,
})

export const TwoFactorChallengeIssued = Schema.TaggedStruct("TwoFactorChallengeIssued", {
  challengeKey: Schema.String,
  expiresAt: Instant,
  at: Instant,
})

export const TwoFactorChallengeLocked = Schema.TaggedStruct("TwoFactorChallengeLocked", {
  challengeKey: Schema.String,
  until: Instant,
  at: Instant,
})

export const TwoFactorEmergencyCodeIssued = Schema.TaggedStruct("TwoFactorEmergencyCodeIssued", {
  challengeKey: Schema.String,
  codeDigest: Schema.String,
  expiresAt: Instant,
  at: Instant,
})

export const TwoFactorChallengePassed = Schema.TaggedStruct("TwoFactorChallengePassed", {
  challengeKey: Schema.String,
  method: Schema.Literal("totp", "emergency", "recovery"),
  /** The TOTP step used (never accepted again), for method "totp". */
  step: Schema.optional(Schema.Int),
  /** The recovery code used (by its digest), for method "recovery". */
  recoveryCodeDigest: Schema.optional(Schema.String),
  at: Instant,
})

/** The password changed or was reset: logins half done with the old one end. */
export const TwoFactorChallengesRevoked = Schema.TaggedStruct("TwoFactorChallengesRevoked", {
  at: Instant,
})

// Limits are applied when a command is decided, and the decision records its consequence: the
// wrong code that reached a limit comes with one of these, so a changed limit never rewrites a
// stream already recorded. (Streams from before these events end their codes and set-ups the
// same way: see `decide-set-up.ts`.)

/** The e-mailed code took its last wrong try: a new one must be sent. */
export const TwoFactorVerificationVoided = Schema.TaggedStruct("TwoFactorVerificationVoided", {
  at: Instant,
})

/** The set-up took its last wrong code: it must start again with a new e-mailed code. */
export const TwoFactorSetupAbandoned = Schema.TaggedStruct("TwoFactorSetupAbandoned", {
  enrollmentId: Schema.String,
  at: Instant,
})

export type TwoFactorEvent =
  | typeof TwoFactorVerificationSent.Type
  | typeof TwoFactorVerificationConfirmed.Type
  | typeof TwoFactorEnrollmentStarted.Type
  | typeof TwoFactorEnabled.Type
  | typeof TwoFactorDeviceChanged.Type
  | typeof TwoFactorDisabled.Type
  | typeof TwoFactorRecoveryCodesIssued.Type
  | typeof TwoFactorReminderDismissed.Type
  | typeof TwoFactorCodeRejected.Type
  | typeof TwoFactorChallengeIssued.Type
  | typeof TwoFactorChallengeLocked.Type
  | typeof TwoFactorEmergencyCodeIssued.Type
  | typeof TwoFactorChallengePassed.Type
  | typeof TwoFactorChallengesRevoked.Type
  | typeof TwoFactorVerificationVoided.Type
  | typeof TwoFactorSetupAbandoned.Type
