import type { FieldError } from "./problem.js"

/** Deeper than any body the API accepts (its deepest is three levels), and shallow enough for any parser. */
export const maxJsonDepth = 32

/**
 * Whether JSON text nests arrays and objects deeper than `max`, read before it is parsed: JSON.parse
 * copes with deep input, but every recursive step after it (decoding, error formatting) would not.
 */
export const nestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c)
        i++ // a backslash: the next character is escaped
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > max) return true
    } else if (char === 0x5d || char === 0x7d) depth--
  }
  return false
}

/** A JSON pointer (RFC 6901) to the value at `path`. */
export const pointer = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("")

const reason = "must not contain the NUL character (U+0000)"

/**
 * The fields of a request part whose strings (or keys) hold U+0000, which PostgreSQL's text
 * columns cannot store: refused at the edge so both databases answer alike. The depth is bounded
 * by `maxJsonDepth` before this runs.
 */
export const fieldsWithNul = (location: FieldError["in"], value: unknown): ReadonlyArray<FieldError> => {
  const found: Array<FieldError> = []
  const visit = (node: unknown, path: ReadonlyArray<PropertyKey>) => {
    if (typeof node === "string") {
      if (node.includes("\u0000")) found.push({ in: location, field: pointer(path), reason })
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, index])
    } else if (typeof node === "object" && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        if (key.includes("\u0000")) found.push({ in: location, field: pointer(path), reason })
        else visit(item, [...path, key])
      }
    }
  }
  visit(value, [])
  return found
}
