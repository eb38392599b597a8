import { describe, expect, it } from "vitest"
import {
  checkSymbol,
  clientKeyAlphabet,
  clientKeyGroups,
  formatClientKey,
  generateClientKey,
  parseClientKey,
  parseKitQrPayload,
} from "../../apps/vault-client/key/client-key.js"
import { keyAlphabet } from "../../domain/licensing/product-key.js"

describe("the client key", () => {
  it("uses the product keys' alphabet, a version symbol and 36 characters", () => {
    expect(clientKeyAlphabet).toBe(keyAlphabet)
    const key = generateClientKey()
    expect(key.canonical).toMatch(/^A[2-9A-HJKMNP-Z]{35}$/)
    expect(parseClientKey(key.canonical)).toEqual({ ok: true, key })
    expect(clientKeyGroups(key)).toHaveLength(6)
  })

  it("catches every single-character typo and every neighbour swap of sample keys, exhaustively", () => {
    for (let sample = 0; sample < 50; sample++) {
      const key = generateClientKey().canonical
      let variants = 0
      for (let i = 0; i < 36; i++) {
        for (const c of clientKeyAlphabet) {
          if (c === key[i]) continue
          const typo = key.slice(0, i) + c + key.slice(i + 1)
          expect(parseClientKey(typo), typo).toEqual({ ok: false, reason: "check" })
          variants++
        }
        if (i < 35 && key[i] !== key[i + 1]) {
          const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)
          expect(parseClientKey(swapped), swapped).toEqual({ ok: false, reason: "check" })
        }
      }
      expect(variants).toBe(36 * 30)
    }
  })

  it("accepts what people type and says what is wrong with the rest", () => {
    const key = generateClientKey()
    const printed = formatClientKey(key)
    const full = [...printed.toLowerCase()].map((c) =>
      c === "-" ? "ー" : String.fromCharCode(c.charCodeAt(0) + 0xfee0),
    )
    expect(parseClientKey(full.join(""))).toEqual({ ok: true, key })
    expect(parseClientKey(` ${printed.toLowerCase().replace(/-/g, " - ")}\n`)).toEqual({ ok: true, key })
    expect(parseClientKey(printed.slice(0, -1))).toEqual({ ok: false, reason: "length", length: 35 })
    expect(parseClientKey(`${key.canonical.slice(0, 5)}0${key.canonical.slice(6)}`)).toEqual({
      ok: false,
      reason: "character",
      position: 5,
    })
    // A layout this version does not know, with a valid check character, is not called a typo.
    const layoutB = `B${key.canonical.slice(1, 35)}`
    const check = clientKeyAlphabet[checkSymbol([...layoutB].map((c) => clientKeyAlphabet.indexOf(c)))]
    expect(parseClientKey(`${layoutB}${check}`)).toEqual({ ok: false, reason: "version" })
    expect(parseKitQrPayload(`IDP-CLIENT-KEY:${key.canonical}`)).toEqual({ ok: true, key })
    expect(parseKitQrPayload(printed)).toEqual({ ok: true, key })
  })
})
