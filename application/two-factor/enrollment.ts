import { Effect } from "effect"
import { type EventMetadata, toMillis } from "../../domain/kernel/index.js"
import {
  isTwoFactorOn,
  liveSetUp,
  NoEnrollmentInProgress,
  type TwoFactorState,
  twoFactorRules,
} from "../../domain/two-factor/two-factor.js"
import { brandOf } from "../accounts/account-mail.js"
import { twoFactorVerificationCode } from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import { QrCode } from "../platform/qr-code.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type QuotaPolicies, quotaOf } from "../platform/throttle.js"
import { accountFacts, noticeMail } from "./account-facts.js"
import { eraseStaleSecrets, openSecret, sealSecret } from "./device-secrets.js"
import { mailedCode } from "./mailed-code.js"
import { Totp } from "./totp.js"
import {
  codeDigest,
  codePurposes,
  groupedSecret,
  newRecoveryCodes,
  newTotpSecret,
  verificationMailBudget,
} from "./two-factor-codes.js"
import { failIfRejected, loadTwoFactor, loadTwoFactorStream, runTwoFactor } from "./two-factor-stream.js"

// Setting 2FA up, for the first device or a new one: an e-mailed code, then a new secret for the
// app, then a current code from the app.

/** The budget of verification mails, as their answers advertise it (`RateLimit-Policy`). */
export const verificationEmailLimits: QuotaPolicies = [quotaOf(verificationMailBudget)]

/** Step 1 of a set-up (first device or a new one): a code mailed to the registered address. */
export const sendVerificationEmail = Effect.fn("TwoFactor.sendVerificationEmail")(function* (
  accountId: string,
  metadata: EventMetadata,
) {
  const code = yield* mailedCode(yield* accountFacts(accountId), {
    budget: verificationMailBudget,
    budgetKey: `2fa:verification:${accountId}`,
    length: 6,
    purpose: codePurposes.verification,
    validMs: twoFactorRules.verificationTtl,
    letter: twoFactorVerificationCode,
  })
  const result = yield* runTwoFactor(
    accountId,
    { _tag: "SendVerification", codeDigest: code.digest, at: yield* now },
    metadata,
    { outbox: [code.mail] },
  )
  const sent = result.events.find((e) => e._tag === "TwoFactorVerificationSent")
  // The decider sends a new code on every request; answering without its expiry would be a lie.
  if (!sent) return yield* Effect.dieMessage("SendVerification was decided without a code")
  return { sentTo: code.sentTo, expiresAt: sent.expiresAt }
})

/** What an authenticator app needs of a secret: the otpauth URI (the QR code) and its parts, for typing in. */
const appKey = (loginId: string, secret: string) =>
  Effect.gen(function* () {
    const issuer = (yield* brandOf).name
    return {
      secret: groupedSecret(secret),
      otpauthUri: (yield* Totp).uri(secret, { issuer, label: loginId }),
      issuer,
      accountName: loginId,
      algorithm: "SHA1",
      digits: 6,
      period: 30,
    }
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
  const result = yield* runTwoFactor(
    accountId,
    {
      _tag: "StartEnrollment",
      codeDigest: yield* codeDigest(codePurposes.verification, emailCode.trim()),
      enrollmentId,
      sealedSecret: yield* sealSecret(accountId, secret),
      at: yield* now,
    },
    metadata,
  )
  yield* failIfRejected(result.events, twoFactorRules.verificationAttempts)
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  return yield* appKey(facts.loginId, secret)
})

const pendingSecret = (accountId: string, state: TwoFactorState) =>
  Effect.gen(function* () {
    const setUp = liveSetUp(state)
    if (setUp._tag === "NoSetUp") return yield* new NoEnrollmentInProgress()
    return { enrollmentId: setUp.enrollmentId, secret: yield* openSecret(accountId, setUp.sealedSecret) }
  })

/**
 * The set-up's secret again, while it waits for its first code: for an app that cannot scan (the
 * manual's Windows and Mac apps take the secret typed or pasted), and for the QR code below. It is
 * the account's own secret, shown to its signed-in owner, and gone once the set-up ends.
 */
export const enrollmentKey = Effect.fn("TwoFactor.enrollmentKey")(function* (accountId: string) {
  const facts = yield* accountFacts(accountId)
  const { secret } = yield* pendingSecret(accountId, yield* loadTwoFactor(accountId))
  return yield* appKey(facts.loginId, secret)
})

/** The set-up's otpauth URI as a QR code, while a set-up waits for its first code. */
export const enrollmentQr = Effect.fn("TwoFactor.enrollmentQr")(function* (
  accountId: string,
  format: "svg" | "png",
) {
  const { otpauthUri } = yield* enrollmentKey(accountId)
  const qr = yield* QrCode
  return format === "svg" ? yield* qr.svg(otpauthUri) : yield* qr.png(otpauthUri)
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
  const loaded = yield* loadTwoFactorStream(accountId)
  const { state } = loaded
  const { enrollmentId, secret } = yield* pendingSecret(accountId, state)
  const at = yield* now
  const step = (yield* Totp).matchingStep(secret, code.trim(), toMillis(at), 1)
  const recovery = yield* newRecoveryCodes
  const notice = yield* noticeMail(
    yield* accountFacts(accountId),
    isTwoFactorOn(state) ? "deviceChanged" : "enabled",
    at,
  )
  const result = yield* runTwoFactor(
    accountId,
    { _tag: "Activate", enrollmentId, step, recoveryCodeDigests: recovery.digests, at },
    metadata,
    { outbox: [notice], loaded },
  )
  // A set-up that ran out of tries is gone, and with it the need for its secret.
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  yield* failIfRejected(result.events, twoFactorRules.activationAttempts)
  if (result.events.some((e) => e._tag === "TwoFactorDeviceChanged")) {
    return { status: "enabled" as const, deviceChanged: true, recoveryCodes: [] as ReadonlyArray<string> }
  }
  return { status: "enabled" as const, deviceChanged: false, recoveryCodes: recovery.codes }
})
