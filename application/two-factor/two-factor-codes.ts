import { Effect, Schema } from "effect"
import { base32 } from "../../domain/two-factor/base32.js"
import { twoFactorRules } from "../../domain/two-factor/two-factor.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { SecureRandom } from "../platform/secure-random.js"
import type { QuotaPolicy, RateLimit } from "../platform/throttle.js"

// Codes a person types, and how they are kept: as keyed digests, each kind under its own purpose, so
// a digest of one kind never matches a code of another.
export const codePurposes = {
  verification: "2fa-verification-code",
  emergency: "2fa-emergency-code",
  recovery: "2fa-recovery-code",
  challenge: "2fa-challenge",
  /** The key of an account's step-up challenge (`step-up.ts`): no challenge id digests to it. */
  stepUp: "2fa-step-up",
} as const

/** Verification codes mailed to the registered address, per account. */
export const verificationMailBudget: RateLimit = { name: "verification-email", limit: 5, windowSeconds: 3600 }
/** Emergency access codes mailed to the registered address, per login challenge. */
export const emergencyMailBudget: RateLimit = { name: "emergency-code", limit: 5, windowSeconds: 3600 }

/**
 * The login challenge's own limit, kept by the 2FA decider rather than a throttle: wrong codes for
 * one challenge (which lives `challengeTtl`) before the account's logins lock (`lockout`).
 */
export const challengeLockPolicy: QuotaPolicy = {
  name: "login-challenge",
  quota: twoFactorRules.challengeAttempts,
  windowSeconds: twoFactorRules.challengeTtl / 1000,
}

/** `length` decimal digits, each uniform (bytes above the largest multiple of 10 are drawn again). */
export const randomDigits = (length: number) =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    let digits = ""
    while (digits.length < length) {
      for (const byte of yield* random.bytes(length * 2)) {
        if (byte < 250 && digits.length < length) digits += String(byte % 10)
      }
    }
    return digits
  })

/** A TOTP secret: 160 bits (RFC 4226's recommended length), base32 for the apps. */
export const newTotpSecret = Effect.map(
  Effect.flatMap(SecureRandom, (random) => random.bytes(20)),
  base32,
)

/** The secret as people type it into an app by hand: groups of four. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ")

/**
 * A recovery code: 120 bits in 24 base32 characters, shown in six groups of four. Typed back in
 * any case, with or without the dashes and spaces.
 */
export const newRecoveryCode = Effect.map(
  Effect.flatMap(SecureRandom, (random) => random.bytes(15)),
  (bytes) =>
    base32(bytes)
      .toLowerCase()
      .replace(/(.{4})(?=.)/g, "$1-"),
)
/** A recovery code as a person types it: any case, with or without the dashes; at most 64 characters. */
export const TypedRecoveryCode = Schema.String.pipe(Schema.maxLength(64))

export const normalizeRecoveryCode = (typed: string) => typed.replace(/[\s-]/g, "").toUpperCase()
export const recoveryCodeCount = 10

export const codeDigest = (purpose: string, code: string) =>
  Effect.flatMap(KeyedDigest, (digests) => digests.digest(purpose, code))

/** Ten new recovery codes, and what is kept of them. */
export const newRecoveryCodes = Effect.gen(function* () {
  const codes = yield* Effect.all(Array.from({ length: recoveryCodeCount }, () => newRecoveryCode))
  const digests = yield* Effect.forEach(codes, (code) =>
    codeDigest(codePurposes.recovery, normalizeRecoveryCode(code)),
  )
  return { codes, digests }
})
