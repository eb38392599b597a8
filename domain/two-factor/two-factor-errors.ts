import { Data } from "effect"
import type { Instant } from "../kernel/instant.js"

/** No e-mailed code is waiting (never sent, used, expired, or too many wrong tries): send a new one. */
export class VerificationRequired extends Data.TaggedError("VerificationRequired")<{}> {}
export class NoEnrollmentInProgress extends Data.TaggedError("NoEnrollmentInProgress")<{}> {}
export class TwoFactorNotEnabled extends Data.TaggedError("TwoFactorNotEnabled")<{}> {}
/** No such open challenge for this account: unknown, expired, or already answered. */
export class ChallengeUnknown extends Data.TaggedError("ChallengeUnknown")<{}> {}
export class ChallengeLocked extends Data.TaggedError("ChallengeLocked")<{ readonly until: Instant }> {}
export class EmergencyCodeNotIssued extends Data.TaggedError("EmergencyCodeNotIssued")<{}> {}

export type TwoFactorError =
  | VerificationRequired
  | NoEnrollmentInProgress
  | TwoFactorNotEnabled
  | ChallengeUnknown
  | ChallengeLocked
  | EmergencyCodeNotIssued
