import type { Instant } from "../kernel/instant.js"
import type { Actor } from "../kernel/metadata.js"

// Commands carry what the application found out impurely: keyed digests of the codes people typed,
// and for app codes the TOTP step that matched against the right secret.

export type SetUpCommand =
  | { readonly _tag: "SendVerification"; readonly codeDigest: string; readonly at: Instant }
  | {
      readonly _tag: "StartEnrollment"
      /** Digest of the e-mailed code the user typed. */
      readonly codeDigest: string
      readonly enrollmentId: string
      readonly sealedSecret: string
      readonly at: Instant
    }
  | {
      readonly _tag: "Activate"
      readonly enrollmentId: string
      /** The step whose code the user typed, found by the caller against the pending secret. */
      readonly step: number | undefined
      readonly recoveryCodeDigests: ReadonlyArray<string>
      readonly at: Instant
    }
  | { readonly _tag: "Disable"; readonly by: Actor; readonly reason?: string; readonly at: Instant }
  | {
      readonly _tag: "IssueRecoveryCodes"
      readonly recoveryCodeDigests: ReadonlyArray<string>
      readonly at: Instant
    }
  | { readonly _tag: "DismissReminder"; readonly at: Instant }

export type LoginCommand =
  | { readonly _tag: "IssueChallenge"; readonly challengeKey: string; readonly at: Instant }
  | {
      readonly _tag: "AnswerTotp"
      readonly challengeKey: string
      /** The device whose secret the caller checked the code against. */
      readonly enrollmentId: string | undefined
      /** The step whose code was typed, found by the caller against that device's secret. */
      readonly step: number | undefined
      readonly at: Instant
    }
  | { readonly _tag: "RevokeChallenges"; readonly at: Instant }
  | {
      readonly _tag: "IssueEmergencyCode"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: Instant
    }
  | {
      readonly _tag: "AnswerEmergency"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: Instant
    }
  | {
      readonly _tag: "AnswerRecovery"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: Instant
    }

export type TwoFactorCommand = SetUpCommand | LoginCommand
