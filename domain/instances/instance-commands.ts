import { Data } from "effect"
import type { Instant } from "../kernel/instant.js"
import type { ConsoleUser } from "./instance-events.js"

/** The three documents of the update dialog, each accepted or not. */
export interface UpdateAcceptances {
  readonly licenseAgreement: boolean
  readonly privacyNotice: boolean
  readonly dataCollectionNotice: boolean
  /** Permanent; signs every console user out; users may have to upgrade their accounts. */
  readonly acknowledged: boolean
}

export type InstanceCommand =
  | {
      readonly _tag: "RequestProvisioning"
      readonly accountId: string
      readonly licenseKeyHash: string
      readonly productId: string
      readonly at: Instant
    }
  | { readonly _tag: "RecordProvisioned"; readonly at: Instant }
  | {
      readonly _tag: "IssueToken"
      readonly tokenDigest: string
      readonly expiresAt: Instant
      readonly at: Instant
    }
  | {
      readonly _tag: "PresentToken"
      readonly tokenDigest: string
      readonly consoleUsers: ReadonlyArray<ConsoleUser>
      readonly at: Instant
    }
  | {
      readonly _tag: "RequestUpdate"
      readonly acceptances: UpdateAcceptances
      /** The licence's last day and the account's calendar day, read by the caller. */
      readonly licenceExpiresOn: string
      readonly today: string
      readonly at: Instant
    }
  | {
      readonly _tag: "RecordUpdateFailedForNow"
      readonly attempt: number
      readonly reason: string
      readonly retryAt: Instant
      readonly at: Instant
    }
  | { readonly _tag: "RecordUpdateBegan"; readonly attempt: number; readonly at: Instant }
  | { readonly _tag: "RecordUpdateFinished"; readonly attempt: number; readonly at: Instant }
  /** Support asks the saga to run its waiting step again (after its job died at the ceiling). */
  | { readonly _tag: "ResumeSaga"; readonly at: Instant }

export class InstanceNotFound extends Data.TaggedError("InstanceNotFound")<{}> {}
/** Provisioning has not finished: no token can be issued yet. */
export class InstanceNotReady extends Data.TaggedError("InstanceNotReady")<{}> {}
export class InstanceAlreadyConnected extends Data.TaggedError("InstanceAlreadyConnected")<{}> {}
/** The update needs an Apex One console connected first. */
export class InstanceNotConnected extends Data.TaggedError("InstanceNotConnected")<{}> {}
export class TokenUnknown extends Data.TaggedError("TokenUnknown")<{}> {}
export class TokenExpired extends Data.TaggedError("TokenExpired")<{}> {}
export class TokenUsed extends Data.TaggedError("TokenUsed")<{}> {}
export class AcknowledgementRequired extends Data.TaggedError("AcknowledgementRequired")<{
  readonly missing: ReadonlyArray<keyof UpdateAcceptances>
}> {}
export class InstanceLicenceExpired extends Data.TaggedError("InstanceLicenceExpired")<{
  readonly expiresOn: string
}> {}
export class UpdateInProgress extends Data.TaggedError("UpdateInProgress")<{}> {}
export class AlreadyUpdated extends Data.TaggedError("AlreadyUpdated")<{}> {}
/** The last attempt met the console's temporary problem; not before `retryAt`. */
export class TemporarilyUnavailable extends Data.TaggedError("TemporarilyUnavailable")<{
  readonly retryAt: Instant
  /** From the command's time: what `Retry-After` says. */
  readonly retryAfterSeconds: number
}> {}

export type InstanceError =
  | InstanceNotFound
  | InstanceNotReady
  | InstanceAlreadyConnected
  | InstanceNotConnected
  | TokenUnknown
  | TokenExpired
  | TokenUsed
  | AcknowledgementRequired
  | InstanceLicenceExpired
  | UpdateInProgress
  | AlreadyUpdated
  | TemporarilyUnavailable
