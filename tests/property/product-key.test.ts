import { Either, FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  formatProductKey,
  keyAlphabet,
  makeProductKey,
  parseProductKey,
  randomSymbolsFor,
} from "../../domain/licensing/product-key.js"

const anyKey = fc.constantFrom("rk" as const, "ac" as const).chain((kind) =>
  fc
    .array(fc.integer({ min: 0, max: keyAlphabet.length - 1 }), {
      minLength: randomSymbolsFor(kind),
      maxLength: randomSymbolsFor(kind),
    })
    .map((symbols) => makeProductKey(kind, symbols)),
)

const toFullWidth = (text: string) =>
  [...text].map((c) => (c === "-" ? "ー" : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join("")

describe("product keys", () => {
  it("print in the manual's shapes", () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        const printed = formatProductKey(key)
        expect(printed).toMatch(
          key.kind === "rk" ? /^\w{2}-\w{4}-\w{4}-\w{4}-\w{4}$/ : /^\w{2}-\w{3}(-\w{5}){5}$/,
        )
      }),
    )
  })

  it("parse back from any way a person types them: lower case, spaces, dashes missing or extra, full width", () => {
    fc.assert(
      fc.property(anyKey, fc.integer({ min: 0, max: 4 }), (key, style) => {
        const printed = formatProductKey(key)
        const typed = [
          printed,
          printed.toLowerCase(),
          key.canonical,
          ` ${printed.replace(/-/g, " - ")} `,
          toFullWidth(printed),
        ][style]!
        expect(parseProductKey(typed)).toEqual(Either.right(key))
      }),
    )
  })

  it("report any single wrong character as mistyped or impossible, never as another valid key", () => {
    fc.assert(
      fc.property(anyKey, fc.nat(), fc.integer({ min: 1, max: keyAlphabet.length - 1 }), (key, at, shift) => {
        const i = at % key.canonical.length
        const wrong = keyAlphabet[(keyAlphabet.indexOf(key.canonical[i]!) + shift) % keyAlphabet.length]!
        const typo = key.canonical.slice(0, i) + wrong + key.canonical.slice(i + 1)
        const parsed = parseProductKey(typo)
        expect(Either.isLeft(parsed) && parsed.left.reason).toBe("check")
      }),
    )
  })

  it("catch two neighbouring characters typed the wrong way round", () => {
    fc.assert(
      fc.property(anyKey, fc.nat(), (key, at) => {
        const i = at % (key.canonical.length - 1)
        const [a, b] = [key.canonical[i]!, key.canonical[i + 1]!]
        fc.pre(a !== b)
        const swapped = key.canonical.slice(0, i) + b + a + key.canonical.slice(i + 2)
        expect(Either.isLeft(parseProductKey(swapped))).toBe(true)
      }),
    )
  })

  it("tell a wrong length and a look-alike character apart from a mistype", () => {
    const key = makeProductKey(
      "rk",
      Array.from({ length: 17 }, (_, i) => i),
    )
    const reasons = [key.canonical.slice(1), `O${key.canonical.slice(1)}`, "0".repeat(18)].map((text) => {
      const parsed = parseProductKey(text)
      return Either.isLeft(parsed) ? parsed.left.reason : "ok"
    })
    expect(reasons).toEqual(["length", "character", "character"])
  })
})
