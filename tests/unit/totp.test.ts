import { createHmac, randomBytes, randomInt } from "node:crypto"
import { URI } from "otpauth"
import { describe, expect, it } from "vitest"
import { makeOtpauthTotp } from "../../adapters/crypto/otpauth-totp.js"
import { base32 } from "../../domain/two-factor/base32.js"

const totp = makeOtpauthTotp()

// RFC 4226 §5.3 written out here, so the adapter is checked against something that is not otpauth.
const referenceCode = (secret: Uint8Array, step: number) => {
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(step))
  const mac = createHmac("sha1", secret).update(counter).digest()
  const offset = mac[19]! & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 1_000_000).padStart(6, "0")
}

describe("TOTP (otpauth adapter)", () => {
  it("gives the RFC 6238 Appendix B SHA1 codes (their last six digits)", () => {
    const secret = base32(new TextEncoder().encode("12345678901234567890"))
    const vectors: ReadonlyArray<readonly [number, string]> = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ]
    for (const [seconds, rfcCode] of vectors) {
      const atMs = seconds * 1000
      const step = totp.stepAt(atMs)
      expect(step).toBe(Math.floor(seconds / 30))
      expect(totp.codeAt(secret, step)).toBe(rfcCode.slice(-6))
      expect(totp.matchingStep(secret, rfcCode.slice(-6), atMs, 1)).toBe(step)
    }
  })

  it("writes an otpauth URI that parses back to the same secret, names and parameters", () => {
    const secret = base32(randomBytes(20))
    for (const label of ["alice@example.com", "Alice Smith@example.com", "山田 太郎@例え.jp"]) {
      const uri = totp.uri(secret, { issuer: "Portcullis Test", label })
      const url = new URL(uri)
      expect(url.protocol).toBe("otpauth:")
      expect(url.host).toBe("totp")
      expect(decodeURIComponent(url.pathname)).toBe(`/Portcullis Test:${label}`)
      expect(url.searchParams.get("secret")).toBe(secret)
      expect(url.searchParams.get("issuer")).toBe("Portcullis Test")
      expect(url.searchParams.get("algorithm")).toBe("SHA1")
      expect(url.searchParams.get("digits")).toBe("6")
      expect(url.searchParams.get("period")).toBe("30")
      expect(uri).not.toContain(" ")

      const parsed = URI.parse(uri)
      expect(parsed.secret.base32).toBe(secret)
      expect(parsed.issuer).toBe("Portcullis Test")
      expect(parsed.label).toBe(label)
      expect(parsed.algorithm).toBe("SHA1")
      expect(parsed.digits).toBe(6)
      expect("period" in parsed && parsed.period).toBe(30)
    }
  })

  it("agrees with an independent RFC 4226 computation for random secrets and times", () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(20)
      const atMs = randomInt(0, 2 ** 47)
      const step = totp.stepAt(atMs)
      expect(step).toBe(Math.floor(atMs / 30_000))
      expect(totp.codeAt(base32(bytes), step)).toBe(referenceCode(bytes, step))
    }
  })

  it("accepts the neighbouring steps within the window and nothing further", () => {
    for (let i = 0; i < 50; i++) {
      const bytes = randomBytes(20)
      const secret = base32(bytes)
      const atMs = randomInt(60_000, 2 ** 47)
      const step = totp.stepAt(atMs)
      const codes = new Map([-2, -1, 0, 1, 2].map((d) => [d, referenceCode(bytes, step + d)]))
      // Two steps' codes may coincide (one chance in a million a pair); the nearest step wins then,
      // and the cases where it does are left out here.
      for (const d of [-1, 0, 1]) {
        const code = codes.get(d)!
        if ([-1, 0, 1].some((other) => other !== d && codes.get(other) === code)) continue
        expect(totp.matchingStep(secret, code, atMs, 1)).toBe(step + d)
      }
      for (const d of [-2, 2]) {
        const far = codes.get(d)!
        if ([-1, 0, 1].some((near) => codes.get(near) === far)) continue
        expect(totp.matchingStep(secret, far, atMs, 1)).toBeUndefined()
        expect(totp.matchingStep(secret, far, atMs, 2)).toBe(step + d)
      }
      expect(totp.matchingStep(secret, codes.get(1)!, atMs, 0)).toBe(
        codes.get(1) === codes.get(0) ? step : undefined,
      )
    }
  })

  it("rejects anything that is not exactly six ASCII digits", () => {
    const bytes = randomBytes(20)
    const secret = base32(bytes)
    const atMs = Date.now()
    const code = referenceCode(bytes, totp.stepAt(atMs))
    expect(totp.matchingStep(secret, code, atMs, 1)).toBe(totp.stepAt(atMs))
    const fullWidth = [...code].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("")
    for (const bad of [
      code.slice(1),
      `${code}0`,
      `0${code}`,
      "12345a",
      " 123456",
      "123456 ",
      `${code}\n`,
      "",
      "１２３４５６",
      fullWidth,
    ]) {
      expect(totp.matchingStep(secret, bad, atMs, 1)).toBeUndefined()
    }
  })
})
