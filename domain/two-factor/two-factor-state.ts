import type { Instant } from "../kernel/instant.js"

export const twoFactorStreamId = (accountId: string) => `two-factor-${accountId}`

/** The rules of the flow, applied when a command is decided; times in milliseconds. */
export const twoFactorRules = {
  /** An e-mailed verification code: valid this long, this many wrong tries. */
  verificationTtl: 10 * 60_000,
  verificationAttempts: 5,
  /** Wrong codes for a new device before its set-up must start again (with a new e-mail code). */
  activationAttempts: 5,
  /** A login challenge: open this long after the password, locked after this many wrong codes. */
  challengeTtl: 10 * 60_000,
  challengeAttempts: 5,
  lockout: 15 * 60_000,
  emergencyCodeTtl: 10 * 60_000,
} as const

/** The code e-mailed to the registered address, the first step of every set-up. */
export type EmailCode =
  | { readonly _tag: "NoEmailCode" }
  | {
      readonly _tag: "EmailCodeSent"
      readonly digest: string
      readonly expiresAt: Instant
      readonly attempts: number
    }

/** A new secret (first device, or a new one) waiting for its first code from the app. */
export type SetUp =
  | { readonly _tag: "NoSetUp" }
  | {
      readonly _tag: "SecretPending"
      readonly enrollmentId: string
      readonly sealedSecret: string
      readonly attempts: number
    }

/** A device's secret is erased from the log once no device uses it; folding skips erased events. */
export type DeviceSecret = { readonly _tag: "Sealed"; readonly sealed: string } | { readonly _tag: "Erased" }

export interface Device {
  readonly enrollmentId: string
  readonly secret: DeviceSecret
  /** The TOTP step used last: only later steps are accepted. */
  readonly lastStep: number
}

export type EmergencyCode =
  | { readonly _tag: "NoEmergencyCode" }
  | { readonly _tag: "EmergencyCodeIssued"; readonly digest: string; readonly expiresAt: Instant }

interface ChallengeFields {
  readonly key: string
  readonly expiresAt: Instant
  readonly attempts: number
  readonly emergency: EmergencyCode
}

/** A login's second step; a passed or revoked challenge is gone from the state. */
export type Challenge =
  | ({ readonly _tag: "ChallengeOpen" } & ChallengeFields)
  | ({ readonly _tag: "ChallengeLocked"; readonly until: Instant } & ChallengeFields)

/** Whether the second factor is on, and what it is while it is. */
export type Factor =
  | { readonly _tag: "Off"; readonly setUp: SetUp }
  | {
      readonly _tag: "On"
      readonly device: Device
      /** A change of device in progress: the current device works until the new one is confirmed. */
      readonly setUp: SetUp
      readonly unusedRecoveryCodes: ReadonlyArray<string>
      readonly challenges: ReadonlyArray<Challenge>
    }

/** "Skip, I understand the risk": the login answer stops recommending 2FA. */
export type Reminder = { readonly _tag: "Recommended" } | { readonly _tag: "Dismissed" }

export interface TwoFactorState {
  readonly reminder: Reminder
  readonly emailCode: EmailCode
  readonly factor: Factor
}

export const noSetUp: SetUp = { _tag: "NoSetUp" }
export const noEmailCode: EmailCode = { _tag: "NoEmailCode" }

export const twoFactorInitialState: TwoFactorState = {
  reminder: { _tag: "Recommended" },
  emailCode: noEmailCode,
  factor: { _tag: "Off", setUp: noSetUp },
}

// == questions the application asks of the state

export const isTwoFactorOn = (state: TwoFactorState): boolean => state.factor._tag === "On"

export const isReminderDismissed = (state: TwoFactorState): boolean => state.reminder._tag === "Dismissed"

/**
 * The set-up as the rules see it: one whose activation attempts are used up has ended, even on a
 * stream recorded before `TwoFactorSetupAbandoned` said so.
 */
export const liveSetUp = (state: TwoFactorState): SetUp => {
  const setUp = state.factor.setUp
  return setUp._tag === "SecretPending" && setUp.attempts >= twoFactorRules.activationAttempts
    ? noSetUp
    : setUp
}

export const isSetUpInProgress = (state: TwoFactorState): boolean => liveSetUp(state)._tag === "SecretPending"

export const recoveryCodesLeft = (state: TwoFactorState): number =>
  state.factor._tag === "On" ? state.factor.unusedRecoveryCodes.length : 0

/** The device in use, if 2FA is on. */
export const deviceInUse = (state: TwoFactorState): Device | undefined =>
  state.factor._tag === "On" ? state.factor.device : undefined

/** The enrollments whose secrets some device or set-up still needs. */
export const enrollmentsInUse = (state: TwoFactorState): ReadonlySet<string> => {
  const setUp = liveSetUp(state)
  return new Set([
    ...(state.factor._tag === "On" ? [state.factor.device.enrollmentId] : []),
    ...(setUp._tag === "SecretPending" ? [setUp.enrollmentId] : []),
  ])
}
