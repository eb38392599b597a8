import { Effect } from "effect"
import { holderAddress } from "../../domain/accounts/contact-addresses.js"
import { type EventMetadata, type Instant, toMillis } from "../../domain/kernel/index.js"
import {
  ChallengeUnknown,
  deviceInUse,
  openChallenge,
  type TwoFactorCommand,
  type TwoFactorState,
  twoFactorRules,
} from "../../domain/two-factor/two-factor.js"
import { SessionStore } from "../accounts/session-store.js"
import {
  accountLoginBackoff,
  accountThrottleKey,
  openSession,
  type SessionOpener,
} from "../accounts/sessions.js"
import { emergencyAccessCode, maskEmailForTwoFactor } from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import { type QuotaPolicies, quotaOf, Throttle } from "../platform/throttle.js"
import { accountFacts, noticeMail } from "./account-facts.js"
import { openSecret } from "./device-secrets.js"
import { accountOfChallenge } from "./issue-challenge.js"
import { mailedCode } from "./mailed-code.js"
import { Totp } from "./totp.js"
import { codeDigest, codePurposes, emergencyMailBudget, normalizeRecoveryCode } from "./two-factor-codes.js"
import { loadTwoFactorStream, rejectionOf, runTwoFactor } from "./two-factor-stream.js"

export type ChallengeAnswer =
  | { readonly method: "totp"; readonly code: string }
  | { readonly method: "emergency"; readonly code: string }
  | { readonly method: "recovery"; readonly code: string }

const sessionMethod = { totp: "totp", emergency: "emergency-code", recovery: "recovery-code" } as const

/** The account and the keyed name of a challenge id; an id that names no account matches nothing. */
const challengeOf = (challengeId: string) =>
  Effect.gen(function* () {
    const accountId = accountOfChallenge(challengeId)
    if (accountId === undefined) return yield* new ChallengeUnknown()
    const facts = yield* Effect.catchTag(
      accountFacts(accountId),
      "AccountNotFound",
      () => new ChallengeUnknown(),
    )
    return { accountId, facts, challengeKey: yield* codeDigest(codePurposes.challenge, challengeId) }
  })

/**
 * The throttle of challenge answers, as their answers advertise it (`RateLimit-Policy`): the account's
 * login counter. A wrong code also counts towards the challenge's lock (`challengeLockPolicy`).
 */
export const challengeAnswerLimits: QuotaPolicies = [quotaOf(accountLoginBackoff)]
/** The budget of emergency codes, as their answers advertise it. */
export const emergencyCodeLimits: QuotaPolicies = [quotaOf(emergencyMailBudget)]

/**
 * The second step of a login: a code from the app, an e-mailed emergency code, or a recovery code.
 * A wrong code is recorded, counts against the account's login throttle, and after five the challenge
 * locks; a right one opens a session. A login with an emergency code ends every other session and
 * is told to every address on the account.
 */
export const answerChallengeWith = <S, E, R>(
  challengeId: string,
  answer: ChallengeAnswer,
  metadataFor: (accountId: string) => EventMetadata,
  open: SessionOpener<S, E, R>,
) =>
  Effect.gen(function* () {
    const { accountId, facts, challengeKey } = yield* challengeOf(challengeId)
    const throttle = yield* Throttle
    // Counted as a failure before the code is decided on; given back if it was no code's fault.
    const attempt = yield* throttle.reserve(yield* accountThrottleKey(facts.loginId), accountLoginBackoff)
    const result = yield* Effect.gen(function* () {
      const at = yield* now
      const loaded = yield* loadTwoFactorStream(accountId)
      const command = yield* commandFor(accountId, loaded.state, challengeKey, answer, at)
      // Told only when the code was right: a refused code writes no mail.
      const notice = answer.method === "emergency" ? [yield* noticeMail(facts, "emergencyLogin", at)] : []
      return yield* runTwoFactor(accountId, command, metadataFor(accountId), { outbox: notice, loaded })
    }).pipe(Effect.tapError(() => throttle.release(attempt)))
    const refused = rejectionOf(result.events, twoFactorRules.challengeAttempts)
    if (refused !== undefined) return yield* refused
    // Only a complete login clears the account's failures: a right password alone does not.
    yield* throttle.clear(attempt.key)
    if (answer.method === "emergency") yield* (yield* SessionStore).endAllOf(accountId)
    return yield* open(accountId, facts.loginId, sessionMethod[answer.method])
  })

/** The second step of a portal login: a portal session. */
export const answerChallenge = Effect.fn("TwoFactor.answerChallenge")(function* (
  challengeId: string,
  answer: ChallengeAnswer,
  metadataFor: (accountId: string) => EventMetadata,
) {
  return yield* answerChallengeWith(challengeId, answer, metadataFor, openSession)
})

/** A code from the app as the answer to challenge `challengeKey`: the step it matches on the device in use. */
export const totpAnswer = (
  accountId: string,
  state: TwoFactorState,
  challengeKey: string,
  code: string,
  at: Instant,
) =>
  Effect.gen(function* () {
    const active = deviceInUse(state)
    const secret =
      active?.secret._tag === "Sealed" ? yield* openSecret(accountId, active.secret.sealed) : undefined
    const step =
      secret === undefined ? undefined : (yield* Totp).matchingStep(secret, code.trim(), toMillis(at), 1)
    return {
      _tag: "AnswerTotp",
      challengeKey,
      enrollmentId: active?.enrollmentId,
      step,
      at,
    } satisfies TwoFactorCommand
  })

const commandFor = (
  accountId: string,
  state: TwoFactorState,
  challengeKey: string,
  answer: ChallengeAnswer,
  at: Instant,
) =>
  Effect.gen(function* () {
    switch (answer.method) {
      case "totp":
        return yield* totpAnswer(accountId, state, challengeKey, answer.code, at)
      case "emergency":
        return {
          _tag: "AnswerEmergency",
          challengeKey,
          codeDigest: yield* codeDigest(codePurposes.emergency, answer.code.trim()),
          at,
        } satisfies TwoFactorCommand
      case "recovery":
        return {
          _tag: "AnswerRecovery",
          challengeKey,
          codeDigest: yield* codeDigest(codePurposes.recovery, normalizeRecoveryCode(answer.code)),
          at,
        } satisfies TwoFactorCommand
    }
  })

/**
 * Where an emergency access code for this challenge would be mailed (masked, as the mail's answer
 * shows it), while the challenge can still be answered: the manual shows it before 「メールを送信」.
 */
export const emergencyCodeAddress = Effect.fn("TwoFactor.emergencyCodeAddress")(function* (
  challengeId: string,
) {
  const { accountId, facts, challengeKey } = yield* challengeOf(challengeId)
  const { state } = yield* loadTwoFactorStream(accountId)
  yield* openChallenge(state, challengeKey, yield* now)
  return { sendTo: maskEmailForTwoFactor(holderAddress(facts)) }
})

/** Lost device: a one-time emergency access code for this challenge, to the registered address. */
export const sendEmergencyCode = Effect.fn("TwoFactor.sendEmergencyCode")(function* (
  challengeId: string,
  metadataFor: (accountId: string) => EventMetadata,
) {
  const { accountId, facts, challengeKey } = yield* challengeOf(challengeId)
  const at = yield* now
  // Only an open challenge may spend its budget: an id made up for a known account gets its 404
  // without touching the real login's.
  const loaded = yield* loadTwoFactorStream(accountId)
  yield* openChallenge(loaded.state, challengeKey, at)
  // Each request mails the registered address: a few per login, not a mail bomb.
  const code = yield* mailedCode(facts, {
    budget: emergencyMailBudget,
    budgetKey: `2fa:emergency:${challengeKey}`,
    length: 8,
    purpose: codePurposes.emergency,
    validMs: twoFactorRules.emergencyCodeTtl,
    letter: emergencyAccessCode,
  })
  const result = yield* runTwoFactor(
    accountId,
    { _tag: "IssueEmergencyCode", challengeKey, codeDigest: code.digest, at },
    metadataFor(accountId),
    { outbox: [code.mail], loaded },
  )
  const issued = result.events.find((e) => e._tag === "TwoFactorEmergencyCodeIssued")
  if (!issued) return yield* Effect.dieMessage("IssueEmergencyCode was decided without a code")
  return { sentTo: code.sentTo, expiresAt: issued.expiresAt }
})
