import { type Instant, instantFromMillis, plusMillis } from "../../domain/kernel/instant.js"
import { type TwoFactorCommand, twoFactorDecider } from "../../domain/two-factor/two-factor.js"
import {
  type CodePurpose,
  TwoFactorChallengeIssued,
  TwoFactorChallengePassed,
  TwoFactorCodeRejected,
  TwoFactorEmergencyCodeIssued,
  TwoFactorEnabled,
  TwoFactorEnrollmentStarted,
  type TwoFactorEvent,
  TwoFactorVerificationConfirmed,
  TwoFactorVerificationSent,
} from "../../domain/two-factor/two-factor-events.js"
import { deciderSpec } from "./decider-spec.js"

// The histories and commands the two-factor decider's scenarios are written with.

export const spec = deciderSpec(twoFactorDecider)
const base = Date.UTC(2026, 0, 10, 9, 0, 0)
/** The instant `minutes` after the start of every scenario. */
export const t = (minutes: number): Instant => instantFromMillis(base + minutes * 60_000)
const tenMinutes = 10 * 60_000
export const customer = { kind: "customer" as const, id: "acc-1" }

// == the events the scenarios are given

export const sent = (codeDigest: string, at: Instant) =>
  TwoFactorVerificationSent.make({ codeDigest, expiresAt: plusMillis(at, tenMinutes), at })
export const rejected = (purpose: CodePurpose, attempts: number, at: Instant, challengeKey?: string) =>
  TwoFactorCodeRejected.make({
    purpose,
    attempts,
    at,
    ...(challengeKey === undefined ? {} : { challengeKey }),
  })
export const rejections = (purpose: CodePurpose, count: number, at: Instant, challengeKey?: string) =>
  Array.from({ length: count }, (_, i) => rejected(purpose, i + 1, at, challengeKey))
export const issued = (challengeKey: string, at: Instant, expiresAt = plusMillis(at, tenMinutes)) =>
  TwoFactorChallengeIssued.make({ challengeKey, expiresAt, at })

/** Verified e-mail code `digest` at `at`, then enrollment `enrollmentId` with secret `sealedSecret`. */
export const setUp = (at: Instant, enrollmentId = "e1", sealedSecret = "sealed:1", digest = "v1") => [
  sent(digest, at),
  TwoFactorVerificationConfirmed.make({ at }),
  TwoFactorEnrollmentStarted.make({ enrollmentId, sealedSecret, at }),
]
export const enabledE1 = TwoFactorEnabled.make({
  enrollmentId: "e1",
  step: 100,
  recoveryCodeDigests: ["r1", "r2"],
  at: t(0),
})
/** Enabled with device e1 (first step 100) and recovery codes r1, r2. */
export const enabled: ReadonlyArray<TwoFactorEvent> = [...setUp(t(0)), enabledE1]
/** Enabled, with challenge `key` issued at `at`. */
export const challenged = (at: Instant, key = "c1") => [...enabled, issued(key, at)]
export const passedTotp = (step: number, at: Instant, challengeKey = "c1") =>
  TwoFactorChallengePassed.make({ challengeKey, method: "totp", step, at })

// == the commands

export const start = (codeDigest: string, at: Instant, enrollmentId = "e1"): TwoFactorCommand => ({
  _tag: "StartEnrollment",
  codeDigest,
  enrollmentId,
  sealedSecret: "sealed:1",
  at,
})
export const activate = (step: number | undefined, at: Instant, enrollmentId = "e1"): TwoFactorCommand => ({
  _tag: "Activate",
  enrollmentId,
  step,
  recoveryCodeDigests: ["r1", "r2"],
  at,
})
export const answerTotp = (
  step: number | undefined,
  at: Instant,
  key = "c1",
  enrollmentId = "e1",
): TwoFactorCommand => ({
  _tag: "AnswerTotp",
  challengeKey: key,
  enrollmentId,
  step,
  at,
})
export const issueChallenge = (at: Instant, challengeKey = "c1"): TwoFactorCommand => ({
  _tag: "IssueChallenge",
  challengeKey,
  at,
})
export const issueEmergency = (codeDigest: string, at: Instant): TwoFactorCommand => ({
  _tag: "IssueEmergencyCode",
  challengeKey: "c1",
  codeDigest,
  at,
})
export const answerEmergency = (codeDigest: string, at: Instant): TwoFactorCommand => ({
  _tag: "AnswerEmergency",
  challengeKey: "c1",
  codeDigest,
  at,
})
export const answerRecovery = (codeDigest: string, at: Instant, key = "c1"): TwoFactorCommand => ({
  _tag: "AnswerRecovery",
  challengeKey: key,
  codeDigest,
  at,
})
export const emergencyIssued = (codeDigest: string, at: Instant) =>
  TwoFactorEmergencyCodeIssued.make({
    challengeKey: "c1",
    codeDigest,
    expiresAt: plusMillis(at, tenMinutes),
    at,
  })
