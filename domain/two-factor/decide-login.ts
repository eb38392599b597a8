import { Either } from "effect"
import { type Instant, isBefore, plusMillis } from "../kernel/instant.js"
import { sameDigest } from "./same-digest.js"
import type { LoginCommand } from "./two-factor-commands.js"
import {
  ChallengeLocked,
  ChallengeUnknown,
  EmergencyCodeNotIssued,
  type TwoFactorError,
  TwoFactorNotEnabled,
} from "./two-factor-errors.js"
import {
  type CodePurpose,
  TwoFactorChallengeIssued,
  TwoFactorChallengeLocked,
  TwoFactorChallengePassed,
  TwoFactorChallengesRevoked,
  TwoFactorCodeRejected,
  TwoFactorEmergencyCodeIssued,
  type TwoFactorEvent,
} from "./two-factor-events.js"
import { type Challenge, type Factor, type TwoFactorState, twoFactorRules } from "./two-factor-state.js"

type Decision = Either.Either<ReadonlyArray<TwoFactorEvent>, TwoFactorError>
const ok = (events: ReadonlyArray<TwoFactorEvent>): Decision => Either.right(events)

type FactorOn = Extract<Factor, { readonly _tag: "On" }>

/** The challenge `key` if it can be answered at `at`, with the factor it is answered against. */
export const openChallenge = (
  state: TwoFactorState,
  key: string,
  at: Instant,
): Either.Either<
  { readonly challenge: Challenge; readonly factor: FactorOn },
  ChallengeUnknown | ChallengeLocked
> => {
  const factor = state.factor
  if (factor._tag === "Off") return Either.left(new ChallengeUnknown())
  const challenge = factor.challenges.find((c) => c.key === key)
  if (challenge === undefined || !isBefore(at, challenge.expiresAt))
    return Either.left(new ChallengeUnknown())
  if (challenge._tag === "ChallengeLocked" && isBefore(at, challenge.until)) {
    return Either.left(new ChallengeLocked({ until: challenge.until }))
  }
  return Either.right({ challenge, factor })
}

/** A wrong code for a challenge: counted, and the challenge locked at the limit. */
const rejectForChallenge = (challenge: Challenge, purpose: CodePurpose, at: Instant): Decision => {
  const attempts = challenge.attempts + 1
  return ok([
    TwoFactorCodeRejected.make({ purpose, challengeKey: challenge.key, attempts, at }),
    ...(attempts >= twoFactorRules.challengeAttempts
      ? [
          TwoFactorChallengeLocked.make({
            challengeKey: challenge.key,
            until: plusMillis(at, twoFactorRules.lockout),
            at,
          }),
        ]
      : []),
  ])
}

/** The second step of a login: challenges, and the three ways of answering one. */
export const decideLogin = (command: LoginCommand, state: TwoFactorState): Decision => {
  const { at } = command
  switch (command._tag) {
    case "IssueChallenge": {
      if (state.factor._tag === "Off") return Either.left(new TwoFactorNotEnabled())
      // Five wrong codes lock the account's logins, not just that challenge: a new password
      // login would otherwise start a fresh count.
      const locked = state.factor.challenges.find(
        (c) => c._tag === "ChallengeLocked" && isBefore(at, c.until),
      )
      if (locked?._tag === "ChallengeLocked") return Either.left(new ChallengeLocked({ until: locked.until }))
      return ok([
        TwoFactorChallengeIssued.make({
          challengeKey: command.challengeKey,
          expiresAt: plusMillis(at, twoFactorRules.challengeTtl),
          at,
        }),
      ])
    }
    case "RevokeChallenges":
      return state.factor._tag === "On" && state.factor.challenges.some((c) => isBefore(at, c.expiresAt))
        ? ok([TwoFactorChallengesRevoked.make({ at })])
        : ok([])
    case "AnswerTotp":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), ({ challenge, factor }) => {
        // A code checked against a device replaced meanwhile is a code for no device.
        const stale = factor.device.enrollmentId !== command.enrollmentId
        if (stale || command.step === undefined || command.step <= factor.device.lastStep) {
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
      return Either.flatMap(openChallenge(state, command.challengeKey, at), ({ challenge }) =>
        ok([
          TwoFactorEmergencyCodeIssued.make({
            challengeKey: challenge.key,
            codeDigest: command.codeDigest,
            expiresAt: plusMillis(at, twoFactorRules.emergencyCodeTtl),
            at,
          }),
        ]),
      )
    case "AnswerEmergency":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), ({ challenge }) => {
        const issued = challenge.emergency
        if (issued._tag === "NoEmergencyCode") return Either.left(new EmergencyCodeNotIssued())
        if (!isBefore(at, issued.expiresAt) || !sameDigest(issued.digest, command.codeDigest)) {
          return rejectForChallenge(challenge, "emergency", at)
        }
        return ok([TwoFactorChallengePassed.make({ challengeKey: challenge.key, method: "emergency", at })])
      })
    case "AnswerRecovery":
      return Either.flatMap(openChallenge(state, command.challengeKey, at), ({ challenge, factor }) => {
        const code = factor.unusedRecoveryCodes.find((digest) => sameDigest(digest, command.codeDigest))
        if (code === undefined) return rejectForChallenge(challenge, "recovery", at)
        return ok([
          TwoFactorChallengePassed.make({
            challengeKey: challenge.key,
            method: "recovery",
            recoveryCodeDigest: code,
            at,
          }),
        ])
      })
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}
