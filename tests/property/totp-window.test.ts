import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { makeOtpauthTotp } from "../../adapters/crypto/otpauth-totp.js"
import { base32 } from "../../domain/two-factor/base32.js"

describe("TOTP adapter window", () => {
  const totp = makeOtpauthTotp()
  const secret = fc.uint8Array({ minLength: 20, maxLength: 20 }).map(base32)
  const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })

  it("rejects a code more than one step away unless it happens to equal a code inside the window", () => {
    const offset = fc.oneof(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: -5000, max: -2 }))
    fc.assert(
      fc.property(secret, time, offset, (key, atMs, delta) => {
        const current = totp.stepAt(atMs)
        const code = totp.codeAt(key, current + delta)
        const inWindow = [current - 1, current, current + 1].filter((s) => totp.codeAt(key, s) === code)
        const found = totp.matchingStep(key, code, atMs, 1)
        if (inWindow.length === 0) expect(found).toBeUndefined()
        else expect(inWindow).toContain(found)
      }),
      { numRuns: 300 },
    )
  })

  it("accepts a code inside the window as its own step (or a nearer one with the same code)", () => {
    fc.assert(
      fc.property(secret, time, fc.integer({ min: -1, max: 1 }), (key, atMs, delta) => {
        const current = totp.stepAt(atMs)
        const code = totp.codeAt(key, current + delta)
        const found = totp.matchingStep(key, code, atMs, 1)
        expect(found).toBeDefined()
        expect(totp.codeAt(key, found ?? -1)).toBe(code)
        expect(Math.abs((found ?? Number.NaN) - current)).toBeLessThanOrEqual(Math.abs(delta))
      }),
      { numRuns: 300 },
    )
  })
})
