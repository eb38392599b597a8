import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { answerChallenge, type ChallengeAnswer } from "../two-factor/login-challenge.js"
import {
  type TwoFactorRecommendation,
  twoFactorRecommendation,
} from "../two-factor/two-factor-recommendation.js"
import { type SignedIn, signIn } from "./sessions.js"

// What a login answers, shaped here so that every driver (the JSON API, a web portal) answers alike.

/** The second factors a challenge accepts. */
export const challengeMethods = ["totp", "emergency-code", "recovery-code"] as const

/** A completed login, whichever factor completed it. */
export interface SessionAnswer extends SignedIn {
  readonly tokenType: "Bearer"
}

const sessionAnswer = (session: SignedIn): SessionAnswer => ({ ...session, tokenType: "Bearer" })

export type LoginAnswer =
  | {
      readonly _tag: "SignedIn"
      readonly answer: SessionAnswer & {
        readonly twoFactor: {
          readonly enabled: false
          readonly recommendation: TwoFactorRecommendation | null
        }
      }
    }
  | {
      readonly _tag: "TwoFactorRequired"
      readonly answer: {
        readonly twoFactorRequired: true
        readonly challenge: {
          readonly id: string
          readonly expiresAt: string
          readonly methods: typeof challengeMethods
        }
      }
    }

/** A password login: a session, with the 2FA recommendation until dismissed; or, with 2FA on, a challenge. */
export const logIn = (input: Parameters<typeof signIn>[0]) =>
  Effect.map(signIn(input), (result): LoginAnswer => {
    if (result._tag === "TwoFactorRequired") {
      const challenge = { id: result.challengeId, expiresAt: result.expiresAt, methods: challengeMethods }
      return { _tag: "TwoFactorRequired", answer: { twoFactorRequired: true, challenge } }
    }
    const { _tag, twoFactorReminder, ...session } = result
    const recommendation = twoFactorReminder ? twoFactorRecommendation : null
    return {
      _tag: "SignedIn",
      answer: { ...sessionAnswer(session), twoFactor: { enabled: false, recommendation } },
    }
  })

/**
 * The second step of a login. After an emergency code the answer advises setting 2FA up again: the
 * client leads its user to turn it off and enrol the new device.
 */
export const completeLogin = (
  challengeId: string,
  answer: ChallengeAnswer,
  metadataFor: (accountId: string) => EventMetadata,
) =>
  Effect.map(answerChallenge(challengeId, answer, metadataFor), (session) =>
    answer.method === "emergency"
      ? { ...sessionAnswer(session), advice: "two-factor-setup-again" as const }
      : sessionAnswer(session),
  )
