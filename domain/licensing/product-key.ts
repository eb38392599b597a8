import { Data, Either } from "effect"

// Registration keys (RK) and activation codes (AC) in the shapes the CLP manual prints:
// RK `XX-XXXX-XXXX-XXXX-XXXX` (18 characters), AC `XX-XXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX` (30).

/** No 0/O, 1/I/L: characters a person can misread are never issued. 31 symbols, a prime count. */
export const keyAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

export type KeyKind = "rk" | "ac"

const groups: Record<KeyKind, ReadonlyArray<number>> = { rk: [2, 4, 4, 4, 4], ac: [2, 3, 5, 5, 5, 5, 5] }
const lengthOf = (kind: KeyKind) => groups[kind].reduce((a, b) => a + b, 0)

/**
 * The check character: a weighted sum modulo 31 (the alphabet's size, a prime). With distinct
 * weights below 31 it catches every single wrong character and every swap of two neighbours.
 */
export const checkCharacter = (body: string): string => {
  let sum = 0
  for (let i = 0; i < body.length; i++) sum += (i + 1) * keyAlphabet.indexOf(body[i]!)
  return keyAlphabet[sum % keyAlphabet.length]!
}

export class ProductKeyMalformed extends Data.TaggedError("ProductKeyMalformed")<{
  readonly reason: "length" | "character" | "check"
}> {
  override get message() {
    return this.reason === "check"
      ? "the key is mistyped (its check character does not match)"
      : this.reason === "character"
        ? "the key contains a character that product keys never use"
        : "the key has the wrong number of characters"
  }
}

/** A key as typed, once normalised and checked: its canonical form is upper case with no dashes. */
export interface ProductKey {
  readonly kind: KeyKind
  readonly canonical: string
}

// Dashes as Japanese keyboards and IMEs type them: full-width, katakana prolonged sound mark, minus signs.
const dashes = /[-‐‑‒–—―−ー－ｰ]/g

/** Accepts lower case, spaces, missing or extra dashes, and full-width characters. */
export const parseProductKey = (input: string): Either.Either<ProductKey, ProductKeyMalformed> => {
  const compact = input.normalize("NFKC").replace(dashes, "").replace(/\s+/g, "").toUpperCase()
  const kind: KeyKind | undefined =
    compact.length === lengthOf("rk") ? "rk" : compact.length === lengthOf("ac") ? "ac" : undefined
  if (!kind) return Either.left(new ProductKeyMalformed({ reason: "length" }))
  for (const char of compact) {
    if (!keyAlphabet.includes(char)) return Either.left(new ProductKeyMalformed({ reason: "character" }))
  }
  if (checkCharacter(compact.slice(0, -1)) !== compact.at(-1)) {
    return Either.left(new ProductKeyMalformed({ reason: "check" }))
  }
  return Either.right({ kind, canonical: compact })
}

/** The printed form, with the dashes where the manual shows them. */
export const formatProductKey = (key: ProductKey): string => {
  const parts: Array<string> = []
  let offset = 0
  for (const size of groups[key.kind]) {
    parts.push(key.canonical.slice(offset, offset + size))
    offset += size
  }
  return parts.join("-")
}

/** How many random symbols a new key needs (all but the check character). */
export const randomSymbolsFor = (kind: KeyKind): number => lengthOf(kind) - 1

/** Builds a key from random symbol indices (0–30) that the application drew from secure randomness. */
export const makeProductKey = (kind: KeyKind, symbols: ReadonlyArray<number>): ProductKey => {
  if (symbols.length !== randomSymbolsFor(kind))
    throw new RangeError(`a ${kind} key needs ${randomSymbolsFor(kind)} symbols`)
  const body = symbols.map((s) => keyAlphabet[s]!).join("")
  return { kind, canonical: body + checkCharacter(body) }
}
