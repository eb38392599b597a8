import { Data, Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { Actor } from "../kernel/metadata.js"
import {
  type CodePurpose,
  TwoFactorChallengeIssued,
  TwoFactorChallengeLocked,
  TwoFactorChallengePassed,
  TwoFactorChallengesRevoked,
  TwoFactorCodeRejected,
  TwoFactorDeviceChanged,
  TwoFactorDisabled,
  TwoFactorEmergencyCodeIssued,
  TwoFactorEnabled,
  TwoFactorEnrollmentStarted,
  type TwoFactorEvent,
  TwoFactorRecoveryCodesIssued,
  TwoFactorReminderDismissed,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
} from "./two-factor-events.js"

export const twoFactorStreamId = (accountId: string) => `two-factor-${accountId}`

/** The rules of the flow; times in milliseconds. */
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

export interface Challenge {
  readonly key: string
  readonly expiresAt: string
  readonly attempts: number
  readonly lockedUntil: string | undefined
  readonly emergency: { readonly digest: string; readonly expiresAt: string } | undefined
  readonly passed: boolean
}

export interface TwoFactorState {
  readonly enabled: boolean
  readonly reminderDismissed: boolean
  /** An e-mailed code waiting to be entered. */
  readonly verification:
    | { readonly digest: string; readonly expiresAt: string; readonly attempts: number }
    | undefined
  /** A set-up (first, or a new device) waiting for its first code. */
  readonly pending:
    | { readonly enrollmentId: string; readonly sealedSecret: string | undefined; readonly attempts: number }
    | undefined
  /** The device in use; its secret is undefined once erased. */
  readonly active:
    | { readonly enrollmentId: string; readonly sealedSecret: string | undefined; readonly lastStep: number }
    | undefined
  readonly recoveryCodes: ReadonlyArray<{ readonly digest: string; readonly used: boolean }>
  readonly challenges: ReadonlyArray<Challenge>
}

export type TwoFactorCommand =
  | { readonly _tag: "SendVerification"; readonly codeDigest: string; readonly at: string }
  | {
      readonly _tag: "StartEnrollment"
      /** Digest of the e-mailed code the user typed. */
      readonly codeDigest: string
      readonly enrollmentId: string
      readonly sealedSecret: string
      readonly at: string
    }
  | {
      readonly _tag: "Activate"
      readonly enrollmentId: string
      /** The step whose code the user typed, found by the caller against the pending secret. */
      readonly step: number | undefined
      readonly recoveryCodeDigests: ReadonlyArray<string>
      readonly at: string
    }
  | { readonly _tag: "Disable"; readonly by: Actor; readonly reason?: string; readonly at: string }
  | {
      readonly _tag: "IssueRecoveryCodes"
      readonly recoveryCodeDigests: ReadonlyArray<string>
      readonly at: string
    }
  | { readonly _tag: "DismissReminder"; readonly at: string }
  | { readonly _tag: "IssueChallenge"; readonly challengeKey: string; readonly at: string }
  | {
      readonly _tag: "AnswerTotp"
      readonly challengeKey: string
      /** The device whose secret the caller checked the code against. */
      readonly enrollmentId: string | undefined
      /** The step whose code was typed, found by the caller against that device's secret. */
      readonly step: number | undefined
      readonly at: string
    }
  | { readonly _tag: "RevokeChallenges"; readonly at: string }
  | {
      readonly _tag: "IssueEmergencyCode"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: string
    }
  | {
      readonly _tag: "AnswerEmergency"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: string
    }
  | {
      readonly _tag: "AnswerRecovery"
      readonly challengeKey: string
      readonly codeDigest: string
      readonly at: string
    }

/** No e-mailed code is waiting (never sent, used, expired, or too many wrong tries): send a new one. */
export class VerificationRequired extends Data.TaggedError("VerificationRequired")<{}> {}
export class NoEnrollmentInProgress extends Data.TaggedError("NoEnrollmentInProgress")<{}> {}
export class TwoFactorNotEnabled extends Data.TaggedError("TwoFactorNotEnabled")<{}> {}
/** No such open challenge for this account: unknown, expired, or already answered. */
export class ChallengeUnknown extends Data.TaggedError("ChallengeUnknown")<{}> {}
export class ChallengeLocked extends Data.TaggedError("ChallengeLocked")<{ readonly until: string }> {}
export class EmergencyCodeNotIssued extends Data.TaggedError("EmergencyCodeNotIssued")<{}> {}

export type TwoFactorError =
  | VerificationRequired
  | NoEnrollmentInProgress
  | TwoFactorNotEnabled
  | ChallengeUnknown
  | ChallengeLocked
  | EmergencyCodeNotIssued

export const twoFactorInitialState: TwoFactorState = {
  enabled: false,
  reminderDismissed: false,
  verification: undefined,
  pending: undefined,
  active: undefined,
  recoveryCodes: [],
  challenges: [],
}

const ok = (events: ReadonlyArray<TwoFactorEvent>) => Either.right(events)
const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString()

/**
 * Digests compared without an early exit: the time taken says nothing about how much of a guess
 * was right. (The digests are keyed, so this is belt and braces.)
 */
export const sameDigest = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  }
  return difference === 0
}

/** The challenge `key` if it can be answered now. */
export const openChallenge = (
  state: TwoFactorState,
  key: string,
  at: string,
): Either.Either<Challenge, ChallengeUnknown | ChallengeLocked> => {
  const challenge = state.challenges.find((c) => c.key === key)
  if (!state.enabled || challenge === undefined || challenge.passed || challenge.expiresAt <= at) {
    return Either.left(new ChallengeUnknown())
  }
  if (challenge.lockedUntil !== undefined && challenge.lockedUntil > at) {
    return Either.left(new ChallengeLocked({ until: challenge.lockedUntil }))
  }
  return Either.right(challenge)
}

/** A wrong code for a challenge: counted, and the challenge locked at the limit. */
const rejectForChallenge = (
  challenge: Challenge,
  purpose: CodePurpose,
  at: string,
): Either.Either<ReadonlyArray<TwoFactorEvent>, TwoFactorError> => {
  const attempts = challenge.attempts + 1
  const events: Array<TwoFactorEvent> = [
    TwoFactorCodeRejected.make({ purpose, challengeKey: challenge.key, attempts, at }),
  ]
  if (attempts >= twoFactorRules.challengeAttempts) {
    events.push(
      TwoFactorChallengeLocked.make({
        challengeKey: challenge.key,
        until: later(at, twoFactorRules.lockout),
        at,
      }),
    )
  }
  return ok(events)
}

const decide = (
  command: TwoFactorCommand,
  state: TwoFactorState,
): Either.Either<ReadonlyArray<TwoFactorEvent>, TwoFactorError> => {
  const { at } = command
  switch (command._tag) {
    case "SendVerification":
      return ok([
        TwoFactorVerificationSent.make({
          codeDigest: command.codeDigest,
          expiresAt: later(at, twoFactorRules.verificationTtl),
          at,
        }),
      ])
    case "StartEnrollment": {
      const waiting = state.verification
      if (waiting === undefined || waiting.expiresAt <= at) return Either.left(new VerificationRequired())
      if (!sameDigest(waiting.digest, command.codeDigest)) {
        return ok([
          TwoFactorCodeRejected.make({ purpose: "verification", attempts: waiting.attempts + 1, at }),
        ])
      }
      return ok([
        TwoFactorVerificationConfirmed.make({ at }),
        TwoFactorEnrollmentStarted.make({
          enrollmentId: command.enrollmentId,
          sealedSecret: command.sealedSecret,
          at,
        }),
      ])
    }
    case "Activate": {
      const pending = state.pending
      if (pending === undefined || pending.enrollmentId !== command.enrollmentId) {
        return Either.left(new NoEnrollmentInProgress())
      }
      // The new secret's own codes were never seen: any step in the window will do, and from then on
      // only later ones (a code of the old device matches nothing, its secret is not this one).
      if (command.step === undefined) {
        return ok([TwoFactorCodeRejected.make({ purpose: "activation", attempts: pending.attempts + 1, at })])
      }
      if (state.enabled && state.active !== undefined) {
        return ok([
          TwoFactorDeviceChanged.make({
            enrollmentId: pending.enrollmentId,
            previousEnrollmentId: state.active.enrollmentId,
            step: command.step,
            at,
          }),
        ])
      }
      return ok([
        TwoFactorEnabled.make({
          enrollmentId: pending.enrollmentId,
          step: command.step,
          recoveryCodeDigests: [...command.recoveryCodeDigests],
          at,
        }),
      ])
    }
    case "Disable":
      if (!state.enabled && state.pending === undefined) return Either.left(new TwoFactorNotEnabled())
      return ok([
        TwoFactorDisabled.make({
          by: command.by,
          ...(command.reason === undefined ? {} : { reason: command.reason }),
          at,
        }),
      ])
    case "IssueRecoveryCodes":
      if (!state.enabled) return Either.left(new TwoFactorNotEnabled())
      return ok([
        TwoFactorRecoveryCodesIssued.make({ recoveryCodeDigests: [...command.recoveryCodeDigests], at }),
      ])
    case "DismissReminder":
      return state.enabled || state.reminderDismissed ? ok([]) : ok([TwoFactorReminderDismissed.make({ at })])
    case "IssueChallenge": {
      if (!state.enabled) return Either.left(new TwoFactorNotEnabled())
      // Five wrong codes lock the account's logins, not just that challenge: a new password
      // login would otherwise start a fresh count.
      const locked = state.challenges.find((c) => c.lockedUntil !== undefined && c.lockedUntil > at)
      if (locked?.lockedUntil !== undefined)
        return Either.left(new ChallengeLocked({ until: locked.lockedUntil }))
      return ok([
        TwoFactorChallengeIssued.make({
          challengeKey: command.challengeKey,
          expiresAt: later(at, twoFactorRules.challengeTtl),
          at,
        }),
      ])
    }
    case "RevokeChallenges":
      return state.challenges.some((c) => !c.passed && c.expiresAt > at)
        ? ok([TwoFactorChallengesRevoked.make({ at })])
        : ok([])
    case "AnswerTotp":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), (challenge) => {
        const lastStep = state.active?.lastStep ?? Number.NEGATIVE_INFINITY
        // A code checked against a device replaced meanwhile is a code for no device.
        const stale = state.active === undefined || state.active.enrollmentId !== command.enrollmentId
        if (stale || command.step === undefined || command.step <= lastStep) {
          return rejectForChallenge(challenge, "totp", at)
        }
        return ok([
          TwoFactorChallengePassed.make({
            challengeKey: challenge.key,
            method: "totp",
            step: command.step,
            at,
          }),
        ])
      })
    case "IssueEmergencyCode":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), (challenge) =>
        ok([
          TwoFactorEmergencyCodeIssued.make({
            challengeKey: challenge.key,
            codeDigest: command.codeDigest,
            expiresAt: later(at, twoFactorRules.emergencyCodeTtl),
            at,
          }),
        ]),
      )
    case "AnswerEmergency":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), (challenge) => {
        const issued = challenge.emergency
        if (issued === undefined) return Either.left(new EmergencyCodeNotIssued())
        if (issued.expiresAt <= at || !sameDigest(issued.digest, command.codeDigest)) {
          return rejectForChallenge(challenge, "emergency", at)
        }
        return ok([TwoFactorChallengePassed.make({ challengeKey: challenge.key, method: "emergency", at })])
      })
    case "AnswerRecovery":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), (challenge) => {
        const code = state.recoveryCodes.find((c) => !c.used && sameDigest(c.digest, command.codeDigest))
        if (code === undefined) return rejectForChallenge(challenge, "recovery", at)
        return ok([
          TwoFactorChallengePassed.make({
            challengeKey: challenge.key,
            method: "recovery",
            recoveryCodeDigest: code.digest,
            at,
          }),
        ])
      })
  }
}

const withChallenge = (state: TwoFactorState, key: string, change: (c: Challenge) => Challenge) => ({
  ...state,
  challenges: state.challenges.map((c) => (c.key === key ? change(c) : c)),
})

/** The pending set-up becomes the device in use. */
const activated = (state: TwoFactorState, enrollmentId: string, step: number): TwoFactorState => ({
  ...state,
  active: {
    enrollmentId,
    // Undefined when the event that carried it was erased (the device was changed since).
    sealedSecret: state.pending?.enrollmentId === enrollmentId ? state.pending.sealedSecret : undefined,
    lastStep: step,
  },
  pending: undefined,
})

const fresh = (digests: ReadonlyArray<string>) => digests.map((digest) => ({ digest, used: false }))

const evolve = (state: TwoFactorState, event: TwoFactorEvent): TwoFactorState => {
  switch (event._tag) {
    case "TwoFactorVerificationSent":
      return { ...state, verification: { digest: event.codeDigest, expiresAt: event.expiresAt, attempts: 0 } }
    case "TwoFactorVerificationConfirmed":
      return { ...state, verification: undefined }
    case "TwoFactorEnrollmentStarted":
      return {
        ...state,
        pending: { enrollmentId: event.enrollmentId, sealedSecret: event.sealedSecret, attempts: 0 },
      }
    case "TwoFactorEnabled":
      return {
        ...activated(state, event.enrollmentId, event.step),
        enabled: true,
        recoveryCodes: fresh(event.recoveryCodeDigests),
      }
    case "TwoFactorDeviceChanged":
      return activated(state, event.enrollmentId, event.step)
    case "TwoFactorDisabled":
      return { ...twoFactorInitialState, reminderDismissed: state.reminderDismissed }
    case "TwoFactorRecoveryCodesIssued":
      return { ...state, recoveryCodes: fresh(event.recoveryCodeDigests) }
    case "TwoFactorReminderDismissed":
      return { ...state, reminderDismissed: true }
    case "TwoFactorCodeRejected": {
      const { attempts } = event
      switch (event.purpose) {
        case "verification":
          return {
            ...state,
            verification:
              state.verification === undefined || attempts >= twoFactorRules.verificationAttempts
                ? undefined
                : { ...state.verification, attempts },
          }
        case "activation":
          return {
            ...state,
            pending:
              state.pending === undefined || attempts >= twoFactorRules.activationAttempts
                ? undefined
                : { ...state.pending, attempts },
          }
        default:
          return event.challengeKey === undefined
            ? state
            : withChallenge(state, event.challengeKey, (c) => ({ ...c, attempts }))
      }
    }
    case "TwoFactorChallengeIssued":
      return {
        ...state,
        // Challenges past their time are forgotten as new ones come.
        challenges: [
          ...state.challenges.filter((c) => c.expiresAt > event.at && !c.passed),
          {
            key: event.challengeKey,
            expiresAt: event.expiresAt,
            attempts: 0,
            lockedUntil: undefined,
            emergency: undefined,
            passed: false,
          },
        ],
      }
    case "TwoFactorChallengesRevoked":
      // Open challenges end (a password change or reset); a lock stays until its time.
      return {
        ...state,
        challenges: state.challenges.filter((c) => c.lockedUntil !== undefined && c.lockedUntil > event.at),
      }
    case "TwoFactorChallengeLocked":
      return withChallenge(state, event.challengeKey, (c) => ({ ...c, lockedUntil: event.until }))
    case "TwoFactorEmergencyCodeIssued":
      return withChallenge(state, event.challengeKey, (c) => ({
        ...c,
        emergency: { digest: event.codeDigest, expiresAt: event.expiresAt },
      }))
    case "TwoFactorChallengePassed": {
      const passed = withChallenge(state, event.challengeKey, (c) => ({ ...c, passed: true }))
      if (event.method === "totp" && event.step !== undefined && passed.active !== undefined) {
        return {
          ...passed,
          active: { ...passed.active, lastStep: Math.max(passed.active.lastStep, event.step) },
        }
      }
      if (event.method === "recovery") {
        return {
          ...passed,
          recoveryCodes: passed.recoveryCodes.map((c) =>
            c.digest === event.recoveryCodeDigest ? { ...c, used: true } : c,
          ),
        }
      }
      return passed
    }
  }
}

export const twoFactorDecider: Decider<TwoFactorCommand, TwoFactorState, TwoFactorEvent, TwoFactorError> = {
  initialState: twoFactorInitialState,
  decide,
  evolve,
}

export const twoFactorCodec = makeEventCodec({
  TwoFactorVerificationSent: { schema: TwoFactorVerificationSent },
  TwoFactorVerificationConfirmed: { schema: TwoFactorVerificationConfirmed },
  TwoFactorEnrollmentStarted: { schema: TwoFactorEnrollmentStarted },
  TwoFactorEnabled: { schema: TwoFactorEnabled },
  TwoFactorDeviceChanged: { schema: TwoFactorDeviceChanged },
  TwoFactorDisabled: { schema: TwoFactorDisabled },
  TwoFactorRecoveryCodesIssued: { schema: TwoFactorRecoveryCodesIssued },
  TwoFactorReminderDismissed: { schema: TwoFactorReminderDismissed },
  TwoFactorCodeRejected: { schema: TwoFactorCodeRejected },
  TwoFactorChallengeIssued: { schema: TwoFactorChallengeIssued },
  TwoFactorChallengeLocked: { schema: TwoFactorChallengeLocked },
  TwoFactorEmergencyCodeIssued: { schema: TwoFactorEmergencyCodeIssued },
  TwoFactorChallengePassed: { schema: TwoFactorChallengePassed },
  TwoFactorChallengesRevoked: { schema: TwoFactorChallengesRevoked },
})

export const twoFactor = { decider: twoFactorDecider, codec: twoFactorCodec }
