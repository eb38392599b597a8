import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  clientKeyAlphabet,
  clientKeyFromSymbols,
  formatClientKey,
  generateClientKey,
  kitQrPayload,
  parseClientKey,
  parseKitQrPayload,
} from "../../apps/vault-client/key/client-key.js"

const anyKey = fc
  .array(fc.integer({ min: 0, max: clientKeyAlphabet.length - 1 }), { minLength: 34, maxLength: 34 })
  .map(clientKeyFromSymbols)

const fullWidth = (text: string) =>
  [...text].map((c) => (c === "-" ? "－" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("")

describe("client keys", () => {
  it("round-trip through format and parse, however they are typed", () => {
    fc.assert(
      fc.property(
        anyKey,
        fc.constantFrom("plain", "lower", "spaced", "full", "ideographic"),
        (key, typing) => {
          const printed = formatClientKey(key)
          expect(printed).toMatch(/^(\w{6}-){5}\w{6}$/)
          const typed =
            typing === "lower"
              ? printed.toLowerCase()
              : typing === "spaced"
                ? printed.replace(/-/g, " ")
                : typing === "full"
                  ? fullWidth(printed.toLowerCase())
                  : typing === "ideographic"
                    ? printed.replace(/-/g, "\u3000")
                    : printed
          expect(parseClientKey(typed)).toEqual({ ok: true, key })
        },
      ),
    )
  })

  it("tell every single wrong character and every swap of neighbours from a real key", () => {
    fc.assert(
      fc.property(anyKey, fc.nat(35), fc.integer({ min: 1, max: 30 }), (key, position, shift) => {
        const chars = [...key.canonical]
        const index = clientKeyAlphabet.indexOf(chars[position]!)
        chars[position] = clientKeyAlphabet[(index + shift) % 31]!
        expect(parseClientKey(chars.join(""))).toEqual({ ok: false, reason: "check" })
      }),
    )
    fc.assert(
      fc.property(anyKey, fc.nat(34), (key, i) => {
        const chars = [...key.canonical]
        fc.pre(chars[i] !== chars[i + 1])
        ;[chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!]
        expect(parseClientKey(chars.join(""))).toEqual({ ok: false, reason: "check" })
      }),
    )
  })

  it("come back from the kit's QR payload, and are never twice the same", () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        expect(kitQrPayload(key)).toMatch(/^[0-9A-Z:-]+$/)
        expect(parseKitQrPayload(kitQrPayload(key))).toEqual({ ok: true, key })
      }),
    )
    const keys = new Set(Array.from({ length: 500 }, () => generateClientKey().canonical))
    expect(keys.size).toBe(500)
  })
})
