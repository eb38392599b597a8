// The client key of an ID Protection vault (decision 38): 36 symbols of the product keys' alphabet.
// Position 0 is the layout version, 1–34 are random (168.4 bits), 35 is an ISO 7064 mod 31 radix 3
// check character, so every single wrong symbol and every swap of neighbours is told apart from a
// well-formed key that is merely wrong.

/** No 0/O, 1/I/L; the same 31 symbols (a prime count) as `domain/licensing/product-key.ts`. */
export const clientKeyAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
export const clientKeyLength = 36
export const clientKeyVersion = "A"
const randomSymbols = clientKeyLength - 2
const modulus = clientKeyAlphabet.length

/** A key once checked: upper case, no separators. */
export interface ClientKey {
  readonly canonical: string
}

export type ClientKeyParse =
  | { readonly ok: true; readonly key: ClientKey }
  | { readonly ok: false; readonly reason: "length"; readonly length: number }
  | { readonly ok: false; readonly reason: "character"; readonly position: number }
  | { readonly ok: false; readonly reason: "check" }
  | { readonly ok: false; readonly reason: "version" }

// w_i = 3^(35−i) mod 31: never 0, and neighbours differ (w_i − w_{i+1} = 2·w_{i+1}), which is what
// catches substitutions and adjacent swaps. The product key's weights i+1 reach 31 ≡ 0 here.
const weights = Array.from({ length: clientKeyLength }, (_, i) => {
  let w = 1
  for (let e = 0; e < clientKeyLength - 1 - i; e++) w = (w * 3) % modulus
  return w
})

const weightedSum = (symbols: ReadonlyArray<number>) =>
  symbols.reduce((sum, x, i) => (sum + weights[i]! * x) % modulus, 0)

/** The check symbol that makes the weighted sum of all 36 positions ≡ 0 (mod 31). */
export const checkSymbol = (body: ReadonlyArray<number>): number => (modulus - weightedSum(body)) % modulus

/** Builds a key from 34 symbol indices; the generator and the tests share it. */
export const clientKeyFromSymbols = (symbols: ReadonlyArray<number>): ClientKey => {
  if (symbols.length !== randomSymbols)
    throw new RangeError(`a client key has ${randomSymbols} random symbols`)
  const body = [clientKeyAlphabet.indexOf(clientKeyVersion), ...symbols]
  return { canonical: [...body, checkSymbol(body)].map((x) => clientKeyAlphabet[x]).join("") }
}

/** 34 symbols from the platform's CSPRNG; bytes ≥ 248 (8 × 31) are redrawn so each symbol is uniform. */
export const generateClientKey = (): ClientKey => {
  const symbols: number[] = []
  while (symbols.length < randomSymbols) {
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(48))) {
      if (byte < 248 && symbols.length < randomSymbols) symbols.push(byte % modulus)
    }
  }
  return clientKeyFromSymbols(symbols)
}

/** Six groups of six: `A7K3MQ-9XHTRP-4WZC2N-G8VBY5-DJ6FSE-QRKT3W`. */
export const clientKeyGroups = (key: ClientKey): ReadonlyArray<string> =>
  Array.from({ length: 6 }, (_, i) => key.canonical.slice(i * 6, i * 6 + 6))

export const formatClientKey = (key: ClientKey): string => clientKeyGroups(key).join("-")

// Dashes as Japanese keyboards and IMEs type them (the product key's set).
const separators = /[\s\-‐‑‒–—―−ー－ｰ]/g

/**
 * Forgiving: NFKC turns full-width letters, digits and U+3000 into ASCII; whitespace and dashes go;
 * case is ignored. Length and characters are checked before the check symbol, so "check" means a
 * typo in an otherwise plausible key, and "version" only a key from a layout this library lacks.
 */
export const parseClientKey = (input: string): ClientKeyParse => {
  const compact = input.normalize("NFKC").replace(separators, "").toUpperCase()
  const chars = [...compact]
  if (chars.length !== clientKeyLength) return { ok: false, reason: "length", length: chars.length }
  const bad = chars.findIndex((c) => !clientKeyAlphabet.includes(c))
  if (bad >= 0) return { ok: false, reason: "character", position: bad }
  if (weightedSum(chars.map((c) => clientKeyAlphabet.indexOf(c))) !== 0) return { ok: false, reason: "check" }
  if (compact[0] !== clientKeyVersion) return { ok: false, reason: "version" }
  return { ok: true, key: { canonical: compact } }
}

// == the kit's QR code: all in QR alphanumeric mode (upper case, digits, ':' and '-')
const qrPrefix = "IDP-CLIENT-KEY:"

export const kitQrPayload = (key: ClientKey): string => `${qrPrefix}${key.canonical}`

/** Reads a scanned kit QR code; a bare key (typed or from another scanner) is accepted too. */
export const parseKitQrPayload = (payload: string): ClientKeyParse => {
  const text = payload.trim()
  return parseClientKey(text.toUpperCase().startsWith(qrPrefix) ? text.slice(qrPrefix.length) : text)
}
