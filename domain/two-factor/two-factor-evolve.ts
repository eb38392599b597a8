import type { TwoFactorEvent } from "./two-factor-events.js"
import {
  type Challenge,
  type DeviceSecret,
  type Factor,
  noEmailCode,
  noSetUp,
  type TwoFactorState,
  twoFactorInitialState,
} from "./two-factor-state.js"

// Only sets, appends and counts: every limit and expiry was applied when the event was decided.

const withFactorOn = (
  state: TwoFactorState,
  change: (factor: Extract<Factor, { readonly _tag: "On" }>) => Factor,
): TwoFactorState => (state.factor._tag === "On" ? { ...state, factor: change(state.factor) } : state)

const withChallenge = (state: TwoFactorState, key: string, change: (c: Challenge) => Challenge) =>
  withFactorOn(state, (factor) => ({
    ...factor,
    challenges: factor.challenges.map((c) => (c.key === key ? change(c) : c)),
  }))

/** The pending set-up's secret, or erased when the event that carried it was (the device changed since). */
const secretOf = (state: TwoFactorState, enrollmentId: string): DeviceSecret => {
  const setUp = state.factor.setUp
  return setUp._tag === "SecretPending" && setUp.enrollmentId === enrollmentId
    ? { _tag: "Sealed", sealed: setUp.sealedSecret }
    : { _tag: "Erased" }
}

export const evolveTwoFactor = (state: TwoFactorState, event: TwoFactorEvent): TwoFactorState => {
  switch (event._tag) {
    case "TwoFactorVerificationSent":
      return {
        ...state,
        emailCode: {
          _tag: "EmailCodeSent",
          digest: event.codeDigest,
          expiresAt: event.expiresAt,
          attempts: 0,
        },
      }
    case "TwoFactorVerificationConfirmed":
    case "TwoFactorVerificationVoided":
      return { ...state, emailCode: noEmailCode }
    case "TwoFactorEnrollmentStarted":
      return {
        ...state,
        factor: {
          ...state.factor,
          setUp: {
            _tag: "SecretPending",
            enrollmentId: event.enrollmentId,
            sealedSecret: event.sealedSecret,
            attempts: 0,
          },
        },
      }
    case "TwoFactorSetupAbandoned":
      return state.factor.setUp._tag === "SecretPending" &&
        state.factor.setUp.enrollmentId === event.enrollmentId
        ? { ...state, factor: { ...state.factor, setUp: noSetUp } }
        : state
    case "TwoFactorEnabled":
      return {
        ...state,
        factor: {
          _tag: "On",
          device: {
            enrollmentId: event.enrollmentId,
            secret: secretOf(state, event.enrollmentId),
            lastStep: event.step,
          },
          setUp: noSetUp,
          unusedRecoveryCodes: event.recoveryCodeDigests,
          challenges: [],
        },
      }
    case "TwoFactorDeviceChanged": {
      const secret = secretOf(state, event.enrollmentId)
      return withFactorOn(state, (factor) => ({
        ...factor,
        device: { enrollmentId: event.enrollmentId, secret, lastStep: event.step },
        setUp: noSetUp,
      }))
    }
    case "TwoFactorDisabled":
      return { ...twoFactorInitialState, reminder: state.reminder }
    case "TwoFactorRecoveryCodesIssued":
      return withFactorOn(state, (factor) => ({ ...factor, unusedRecoveryCodes: event.recoveryCodeDigests }))
    case "TwoFactorReminderDismissed":
      return { ...state, reminder: { _tag: "Dismissed" } }
    case "TwoFactorCodeRejected": {
      const { attempts } = event
      switch (event.purpose) {
        case "verification":
          return state.emailCode._tag === "EmailCodeSent"
            ? { ...state, emailCode: { ...state.emailCode, attempts } }
            : state
        case "activation":
          return state.factor.setUp._tag === "SecretPending"
            ? { ...state, factor: { ...state.factor, setUp: { ...state.factor.setUp, attempts } } }
            : state
        default:
          return event.challengeKey === undefined
            ? state
            : withChallenge(state, event.challengeKey, (c) => ({ ...c, attempts }))
      }
    }
    case "TwoFactorChallengeIssued":
      // Keys are random, so a repeated key can only be the same login issued again: it replaces.
      return withFactorOn(state, (factor) => ({
        ...factor,
        challenges: [
          ...factor.challenges.filter((c) => c.key !== event.challengeKey),
          {
            _tag: "ChallengeOpen",
            key: event.challengeKey,
            expiresAt: event.expiresAt,
            attempts: 0,
            emergency: { _tag: "NoEmergencyCode" },
          },
        ],
      }))
    case "TwoFactorChallengesRevoked":
      // Open challenges end (a password change or reset); a lock stays until its time.
      return withFactorOn(state, (factor) => ({
        ...factor,
        challenges: factor.challenges.filter((c) => c._tag === "ChallengeLocked"),
      }))
    case "TwoFactorChallengeLocked":
      return withChallenge(state, event.challengeKey, (c) => ({
        ...c,
        _tag: "ChallengeLocked",
        until: event.until,
      }))
    case "TwoFactorEmergencyCodeIssued":
      return withChallenge(state, event.challengeKey, (c) => ({
        ...c,
        emergency: { _tag: "EmergencyCodeIssued", digest: event.codeDigest, expiresAt: event.expiresAt },
      }))
    case "TwoFactorChallengePassed":
      return withFactorOn(state, (factor) => ({
        ...factor,
        challenges: factor.challenges.filter((c) => c.key !== event.challengeKey),
        device:
          event.method === "totp" && event.step !== undefined
            ? { ...factor.device, lastStep: event.step }
            : factor.device,
        unusedRecoveryCodes:
          event.method === "recovery"
            ? factor.unusedRecoveryCodes.filter((digest) => digest !== event.recoveryCodeDigest)
            : factor.unusedRecoveryCodes,
      }))
    default: {
      const unhandled: never = event
      return unhandled
    }
  }
}
