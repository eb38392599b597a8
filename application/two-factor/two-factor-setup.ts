import { Data, Effect } from "effect"
import { AccountNotFound, account, accountStreamId } from "../../domain/accounts/account.js"
import { type EventMetadata, type Instant, toMillis } from "../../domain/kernel/index.js"
import {
  enrollmentsInUse,
  isReminderDismissed,
  isSetUpInProgress,
  isTwoFactorOn,
  NoEnrollmentInProgress,
  recoveryCodesLeft,
  type TwoFactorCommand,
  type TwoFactorState,
  twoFactor,
  twoFactorRules,
  twoFactorStreamId,
} from "../../domain/two-factor/two-factor.js"
import type { TwoFactorEvent } from "../../domain/two-factor/two-factor-events.js"
import { brandOf, mailMessage, sealedMailMessage } from "../accounts/account-mail.js"
import { PasswordHasher } from "../accounts/password-hasher.js"
import { accountLoginBackoff } from "../accounts/sessions.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { EventStore, type OutboxMessage } from "../event-log/event-store.js"
import {
  maskEmailForTwoFactor,
  type TwoFactorNotice,
  twoFactorNotice,
  twoFactorVerificationCode,
} from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import { QrCode } from "../platform/qr-code.js"
import { SecretBox } from "../platform/secret-box.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type RateLimit, RateLimited, Throttle } from "../platform/throttle.js"
import { Totp } from "./totp.js"
import {
  codeDigest,
  codePurposes,
  groupedSecret,
  newRecoveryCodes,
  newTotpSecret,
  randomDigits,
} from "./two-factor-codes.js"

/** The password given to confirm a change of the second factor is not the account's. */
export class PasswordIncorrect extends Data.TaggedError("PasswordIncorrect")<{}> {}

/** A code that was not accepted; `attemptsLeft` before the code (or the set-up) must start over. */
export class CodeRejected extends Data.TaggedError("CodeRejected")<{ readonly attemptsLeft: number }> {}

/** Codes mailed to the registered address, per account and kind. */
export const mailBudget: RateLimit = { limit: 5, windowSeconds: 3600 }

export const secretContext = (accountId: string) => `two-factor-secret:${accountId}`

/** The account as 2FA needs it: who to mail, in which language and zone. */
export const accountFacts = (accountId: string) =>
  Effect.flatMap(loadAggregate(account, accountStreamId(accountId)), ({ state }) =>
    state._tag === "Active" ? Effect.succeed(state.account) : Effect.fail(new AccountNotFound()),
  )

/** Every address on the account, once each: a change to its second factor is told to all of them. */
export type AccountFacts = Effect.Effect.Success<ReturnType<typeof accountFacts>>

export const allAddresses = (facts: AccountFacts) => [
  ...new Map(
    [facts.user.email, facts.supportContact.email, facts.emergencyContactEmail].map((a) => [
      a.toLowerCase(),
      a,
    ]),
  ).values(),
]

/** A change of the second factor, told to every address on the account. */
export const noticeMail = (facts: AccountFacts, notice: TwoFactorNotice, at: Instant) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    const mail = twoFactorNotice(facts.language, brand, notice, { changedAt: at, timeZone: facts.timeZone })
    return mailMessage(allAddresses(facts), mail)
  })

const run = (
  accountId: string,
  command: TwoFactorCommand,
  metadata: EventMetadata,
  outbox?: OutboxMessage[],
) =>
  runCommand(twoFactor, twoFactorStreamId(accountId), command, {
    metadata,
    ...(outbox === undefined
      ? {}
      : { outbox: (events: ReadonlyArray<TwoFactorEvent>) => (rejected(events) ? [] : outbox) }),
  })

const rejected = (events: ReadonlyArray<TwoFactorEvent>) =>
  events.find((e) => e._tag === "TwoFactorCodeRejected")

/** The refusal to report when the decision was a refused code (the refusal itself is recorded). */
export const rejectionOf = (events: ReadonlyArray<TwoFactorEvent>, limit: number) => {
  const refusal = rejected(events)
  return refusal === undefined
    ? undefined
    : new CodeRejected({ attemptsLeft: Math.max(0, limit - refusal.attempts) })
}

const failIfRejected = (events: ReadonlyArray<TwoFactorEvent>, limit: number) => {
  const refusal = rejectionOf(events, limit)
  return refusal === undefined ? Effect.void : Effect.fail(refusal)
}

export const loadTwoFactor = (accountId: string) =>
  Effect.map(loadAggregate(twoFactor, twoFactorStreamId(accountId)), ({ state }) => state)

export interface TwoFactorStatus {
  readonly status: "enabled" | "disabled"
  readonly method: "authenticator-app" | null
  readonly registeredEmail: string
  readonly setupInProgress: boolean
  readonly recoveryCodesLeft: number
  readonly reminderDismissed: boolean
}

export const twoFactorStatus = Effect.fn("TwoFactor.status")(function* (accountId: string) {
  const facts = yield* accountFacts(accountId)
  const state = yield* loadTwoFactor(accountId)
  const on = isTwoFactorOn(state)
  return {
    status: on ? "enabled" : "disabled",
    method: on ? "authenticator-app" : null,
    registeredEmail: maskEmailForTwoFactor(facts.user.email),
    setupInProgress: isSetUpInProgress(state),
    recoveryCodesLeft: recoveryCodesLeft(state),
    reminderDismissed: isReminderDismissed(state),
  } satisfies TwoFactorStatus
})

/** Step 1 of a set-up (first device or a new one): a code mailed to the registered address. */
export const sendVerificationEmail = Effect.fn("TwoFactor.sendVerificationEmail")(function* (
  accountId: string,
  metadata: EventMetadata,
) {
  const facts = yield* accountFacts(accountId)
  const wait = yield* (yield* Throttle).take(`2fa:verification:${accountId}`, mailBudget)
  if (wait > 0) return yield* new RateLimited({ retryAfterSeconds: wait })
  const code = yield* randomDigits(6)
  const validMinutes = twoFactorRules.verificationTtl / 60_000
  const mail = twoFactorVerificationCode(facts.language, yield* brandOf, { code, validMinutes })
  const sealed = yield* sealedMailMessage([facts.user.email], mail)
  const result = yield* run(
    accountId,
    {
      _tag: "SendVerification",
      codeDigest: yield* codeDigest(codePurposes.verification, code),
      at: yield* now,
    },
    metadata,
    [sealed],
  )
  const sent = result.events.find((e) => e._tag === "TwoFactorVerificationSent")
  return { sentTo: maskEmailForTwoFactor(facts.user.email), expiresAt: sent?.expiresAt ?? "" }
})

const otpauthUri = (loginId: string, secret: string) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    return (yield* Totp).uri(secret, { issuer: brand.name, label: loginId })
  })

/** Step 2: the e-mailed code is confirmed; a fresh secret for the app, shown once here. */
export const startEnrollment = Effect.fn("TwoFactor.startEnrollment")(function* (
  accountId: string,
  emailCode: string,
  metadata: EventMetadata,
) {
  const facts = yield* accountFacts(accountId)
  const secret = yield* newTotpSecret
  const enrollmentId = yield* (yield* SecureRandom).uuidV7
  const sealedSecret = yield* (yield* SecretBox).seal(secret, secretContext(accountId))
  const result = yield* run(
    accountId,
    {
      _tag: "StartEnrollment",
      codeDigest: yield* codeDigest(codePurposes.verification, emailCode.trim()),
      enrollmentId,
      sealedSecret,
      at: yield* now,
    },
    metadata,
  )
  yield* failIfRejected(result.events, twoFactorRules.verificationAttempts)
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  return {
    secret: groupedSecret(secret),
    otpauthUri: yield* otpauthUri(facts.loginId, secret),
    issuer: (yield* brandOf).name,
    accountName: facts.loginId,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  }
})

const pendingSecret = (accountId: string, state: TwoFactorState) =>
  Effect.gen(function* () {
    const pending = state.factor.setUp
    if (pending._tag === "NoSetUp") return yield* new NoEnrollmentInProgress()
    const secret = yield* (yield* SecretBox)
      .open(pending.sealedSecret, secretContext(accountId))
      .pipe(Effect.orDie)
    return { enrollmentId: pending.enrollmentId, secret }
  })

/** The set-up's otpauth URI as a QR code, while a set-up waits for its first code. */
export const enrollmentQr = Effect.fn("TwoFactor.enrollmentQr")(function* (
  accountId: string,
  format: "svg" | "png",
) {
  const facts = yield* accountFacts(accountId)
  const { secret } = yield* pendingSecret(accountId, yield* loadTwoFactor(accountId))
  const uri = yield* otpauthUri(facts.loginId, secret)
  const qr = yield* QrCode
  return format === "svg" ? yield* qr.svg(uri) : yield* qr.png(uri)
})

/**
 * Step 3: a current code from the new app turns 2FA on (with ten recovery codes, shown once) or,
 * for a change of device, replaces the secret; only now does the old device stop working, and its
 * secret is erased from the log.
 */
export const activate = Effect.fn("TwoFactor.activate")(function* (
  accountId: string,
  code: string,
  metadata: EventMetadata,
) {
  const state = yield* loadTwoFactor(accountId)
  const { enrollmentId, secret } = yield* pendingSecret(accountId, state)
  const at = yield* now
  const step = (yield* Totp).matchingStep(secret, code.trim(), toMillis(at), 1)
  const recovery = yield* newRecoveryCodes
  const notice = yield* noticeMail(
    yield* accountFacts(accountId),
    isTwoFactorOn(state) ? "deviceChanged" : "enabled",
    at,
  )
  const result = yield* run(
    accountId,
    { _tag: "Activate", enrollmentId, step, recoveryCodeDigests: recovery.digests, at },
    metadata,
    [notice],
  )
  // A set-up that ran out of tries is gone, and with it the need for its secret.
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  yield* failIfRejected(result.events, twoFactorRules.activationAttempts)
  if (result.events.some((e) => e._tag === "TwoFactorDeviceChanged")) {
    return { status: "enabled" as const, deviceChanged: true, recoveryCodes: [] as ReadonlyArray<string> }
  }
  return { status: "enabled" as const, deviceChanged: false, recoveryCodes: recovery.codes }
})

/**
 * Erases the data of every event that carried a secret no device or set-up uses any more (replaced,
 * abandoned, run out of tries, disabled): the digest stays, so the chain still verifies, and the
 * erasure is itself recorded. Run after every change of the second factor, so one that a crash
 * interrupted is finished by the next.
 */
const eraseStaleSecrets = (accountId: string, state: TwoFactorState, metadata: EventMetadata) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    const inUse = enrollmentsInUse(state)
    const streamId = twoFactorStreamId(accountId)
    const versions = (yield* store.readStream(streamId))
      .filter((e) => !e.erased && e.type === "TwoFactorEnrollmentStarted")
      .filter((e) => !inUse.has(String((e.data as { enrollmentId?: unknown } | null)?.enrollmentId)))
      .map((e) => e.streamVersion)
    if (versions.length > 0) {
      yield* store.erase(streamId, { versions, reason: "2FA secret no longer in use", metadata })
    }
  })

/** The password again, before changing the second factor; wrong ones slow down like logins. */
const checkPassword = (facts: AccountFacts, password: string) =>
  Effect.gen(function* () {
    const throttle = yield* Throttle
    const key = `reauth:${facts.accountId}`
    const wait = yield* throttle.waitSeconds(key)
    if (wait > 0) return yield* new RateLimited({ retryAfterSeconds: wait })
    if (!(yield* (yield* PasswordHasher).verify(facts.passwordHash, password))) {
      yield* throttle.recordFailure(key, accountLoginBackoff)
      return yield* new PasswordIncorrect()
    }
    yield* throttle.clear(key)
  })

/** Turns 2FA off: by the customer (password again) or by support (reason); every secret is erased. */
export const disableTwoFactor = Effect.fn("TwoFactor.disable")(function* (
  accountId: string,
  by: { readonly password: string } | { readonly reason: string },
  metadata: EventMetadata,
) {
  const facts = yield* accountFacts(accountId)
  if ("password" in by) yield* checkPassword(facts, by.password)
  const at = yield* now
  const notice = yield* noticeMail(facts, "password" in by ? "disabled" : "disabledBySupport", at)
  const result = yield* run(
    accountId,
    { _tag: "Disable", by: metadata.actor, ...("reason" in by ? { reason: by.reason } : {}), at },
    metadata,
    [notice],
    // Already off: finish an erasure a crash may have cut short.
  ).pipe(
    Effect.tapError(() =>
      Effect.flatMap(loadTwoFactor(accountId), (state) => eraseStaleSecrets(accountId, state, metadata)),
    ),
  )
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  return { status: "disabled" as const }
})

/** A new set of ten recovery codes (the old ones stop working); the password again first. */
export const regenerateRecoveryCodes = Effect.fn("TwoFactor.regenerateRecoveryCodes")(function* (
  accountId: string,
  password: string,
  metadata: EventMetadata,
) {
  yield* checkPassword(yield* accountFacts(accountId), password)
  const recovery = yield* newRecoveryCodes
  yield* run(
    accountId,
    { _tag: "IssueRecoveryCodes", recoveryCodeDigests: recovery.digests, at: yield* now },
    metadata,
  )
  return { recoveryCodes: recovery.codes }
})

/** "Skip, I understand the risk": the login answer stops recommending 2FA. */
export const dismissReminder = Effect.fn("TwoFactor.dismissReminder")(function* (
  accountId: string,
  metadata: EventMetadata,
) {
  yield* run(accountId, { _tag: "DismissReminder", at: yield* now }, metadata)
})
