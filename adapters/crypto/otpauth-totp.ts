import { timingSafeEqual } from "node:crypto"
import { Layer } from "effect"
import { HOTP, Secret, TOTP } from "otpauth"
import { Totp, type TotpApi } from "../../application/two-factor/totp.js"

// The only parameters every authenticator app honours; apps silently ignore others and show wrong codes.
const params = { algorithm: "SHA1", digits: 6, period: 30 } as const
const sixDigits = /^[0-9]{6}$/

const codeFor = (secret: Secret, step: number) =>
  HOTP.generate({ secret, algorithm: params.algorithm, digits: params.digits, counter: step })

export const makeOtpauthTotp = (): TotpApi => {
  const stepAt = (atMs: number) => TOTP.counter({ period: params.period, timestamp: atMs })
  return {
    uri: (secretBase32, { issuer, label }) =>
      new TOTP({ issuer, label, secret: Secret.fromBase32(secretBase32), ...params }).toString(),
    stepAt,
    codeAt: (secretBase32, step) => codeFor(Secret.fromBase32(secretBase32), step),
    matchingStep: (secretBase32, code, atMs, window) => {
      // Checked before any HMAC so "12345a" or full-width digits never reach the comparison, and so
      // the comparison below always sees two 6-byte buffers.
      if (!sixDigits.test(code)) return undefined
      const secret = Secret.fromBase32(secretBase32)
      const given = Buffer.from(code, "ascii")
      const current = stepAt(atMs)
      const span = Math.max(0, Math.trunc(window))
      // Our own window rather than otpauth's, so the accepted steps are exactly current ± span. Every
      // candidate is computed and compared (no early exit), and the nearest match wins should two
      // steps share a code, so a replay check on the step sees the most plausible one.
      let found: number | undefined
      for (let delta = -span; delta <= span; delta++) {
        const step = current + delta
        if (step < 0) continue
        const same = timingSafeEqual(Buffer.from(codeFor(secret, step), "ascii"), given)
        if (same && (found === undefined || Math.abs(delta) < Math.abs(found - current))) found = step
      }
      return found
    },
  }
}

export const OtpauthTotpLive = Layer.succeed(Totp, makeOtpauthTotp())
