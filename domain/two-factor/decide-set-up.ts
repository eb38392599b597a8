import { Either } from "effect"
import { isBefore, plusMillis } from "../kernel/instant.js"
import { sameDigest } from "./same-digest.js"
import type { SetUpCommand } from "./two-factor-commands.js"
import {
  NoEnrollmentInProgress,
  type TwoFactorError,
  TwoFactorNotEnabled,
  VerificationRequired,
} from "./two-factor-errors.js"
import {
  TwoFactorCodeRejected,
  TwoFactorDeviceChanged,
  TwoFactorDisabled,
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
import { liveSetUp, type TwoFactorState, twoFactorRules } from "./two-factor-state.js"

type Decision = Either.Either<ReadonlyArray<TwoFactorEvent>, TwoFactorError>
const ok = (events: ReadonlyArray<TwoFactorEvent>): Decision => Either.right(events)

// Streams recorded before `TwoFactorVerificationVoided` and `TwoFactorSetupAbandoned` existed end
// a code or a set-up at its last wrong try with no such event; their count stands at the limit,
// which the checks below treat as ended, as it was then. (An abandoned set-up's secret was also
// erased, so its set-up is not even folded.)

/** The e-mail verification, the set-up and its activation, turning off, recovery codes, the reminder. */
export const decideSetUp = (command: SetUpCommand, state: TwoFactorState): Decision => {
  const { at } = command
  switch (command._tag) {
    case "SendVerification":
      return ok([
        TwoFactorVerificationSent.make({
          codeDigest: command.codeDigest,
          expiresAt: plusMillis(at, twoFactorRules.verificationTtl),
          at,
        }),
      ])
    case "StartEnrollment": {
      const code = state.emailCode
      if (
        code._tag === "NoEmailCode" ||
        !isBefore(at, code.expiresAt) ||
        code.attempts >= twoFactorRules.verificationAttempts
      ) {
        return Either.left(new VerificationRequired())
      }
      if (!sameDigest(code.digest, command.codeDigest)) {
        const attempts = code.attempts + 1
        return ok([
          TwoFactorCodeRejected.make({ purpose: "verification", attempts, at }),
          ...(attempts >= twoFactorRules.verificationAttempts
            ? [TwoFactorVerificationVoided.make({ at })]
            : []),
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
      const setUp = liveSetUp(state)
      if (setUp._tag === "NoSetUp" || setUp.enrollmentId !== command.enrollmentId) {
        return Either.left(new NoEnrollmentInProgress())
      }
      // The new secret's own codes were never seen: any step in the window will do, and from then on
      // only later ones (a code of the old device matches nothing, its secret is not this one).
      if (command.step === undefined) {
        const attempts = setUp.attempts + 1
        return ok([
          TwoFactorCodeRejected.make({ purpose: "activation", attempts, at }),
          ...(attempts >= twoFactorRules.activationAttempts
            ? [TwoFactorSetupAbandoned.make({ enrollmentId: setUp.enrollmentId, at })]
            : []),
        ])
      }
      if (state.factor._tag === "On") {
        return ok([
          TwoFactorDeviceChanged.make({
            enrollmentId: setUp.enrollmentId,
            previousEnrollmentId: state.factor.device.enrollmentId,
            step: command.step,
            at,
          }),
        ])
      }
      return ok([
        TwoFactorEnabled.make({
          enrollmentId: setUp.enrollmentId,
          step: command.step,
          recoveryCodeDigests: [...command.recoveryCodeDigests],
          at,
        }),
      ])
    }
    case "Disable":
      if (state.factor._tag === "Off" && liveSetUp(state)._tag === "NoSetUp") {
        return Either.left(new TwoFactorNotEnabled())
      }
      return ok([
        TwoFactorDisabled.make({
          by: command.by,
          ...(command.reason === undefined ? {} : { reason: command.reason }),
          at,
        }),
      ])
    case "IssueRecoveryCodes":
      if (state.factor._tag === "Off") return Either.left(new TwoFactorNotEnabled())
      return ok([
        TwoFactorRecoveryCodesIssued.make({ recoveryCodeDigests: [...command.recoveryCodeDigests], at }),
      ])
    case "DismissReminder":
      return state.factor._tag === "On" || state.reminder._tag === "Dismissed"
        ? ok([])
        : ok([TwoFactorReminderDismissed.make({ at })])
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}
