import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { decideLogin } from "./decide-login.js"
import { decideSetUp } from "./decide-set-up.js"
import type { TwoFactorCommand } from "./two-factor-commands.js"
import type { TwoFactorError } from "./two-factor-errors.js"
import {
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
  TwoFactorSetupAbandoned,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
  TwoFactorVerificationVoided,
} from "./two-factor-events.js"
import { evolveTwoFactor } from "./two-factor-evolve.js"
import { type TwoFactorState, twoFactorInitialState } from "./two-factor-state.js"

// The two-factor aggregate: one stream per account, `two-factor-<accountId>`.
export { openChallenge } from "./decide-login.js"
export { sameDigest } from "./same-digest.js"
export * from "./two-factor-commands.js"
export * from "./two-factor-errors.js"
export * from "./two-factor-state.js"

const decide = (command: TwoFactorCommand, state: TwoFactorState) => {
  switch (command._tag) {
    case "SendVerification":
    case "StartEnrollment":
    case "Activate":
    case "Disable":
    case "IssueRecoveryCodes":
    case "DismissReminder":
      return decideSetUp(command, state)
    case "IssueChallenge":
    case "RevokeChallenges":
    case "AnswerTotp":
    case "IssueEmergencyCode":
    case "AnswerEmergency":
    case "AnswerRecovery":
      return decideLogin(command, state)
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}

export const twoFactorDecider: Decider<TwoFactorCommand, TwoFactorState, TwoFactorEvent, TwoFactorError> = {
  initialState: twoFactorInitialState,
  decide,
  evolve: evolveTwoFactor,
}

export const twoFactorCodec = makeEventCodec({
  TwoFactorVerificationSent: { schema: TwoFactorVerificationSent },
  TwoFactorVerificationConfirmed: { schema: TwoFactorVerificationConfirmed },
  TwoFactorVerificationVoided: { schema: TwoFactorVerificationVoided },
  TwoFactorEnrollmentStarted: { schema: TwoFactorEnrollmentStarted },
  TwoFactorSetupAbandoned: { schema: TwoFactorSetupAbandoned },
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
