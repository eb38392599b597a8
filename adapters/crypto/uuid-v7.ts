import { randomFillSync } from "node:crypto"
import { v7 } from "uuid"

// uuid asks the OS for 16 random bytes per id (a tenth of a single append's CPU); ids are drawn
// from a pooled buffer instead, refilled from the same secure source, as Node's randomUUID does.
const pool = new Uint8Array(16 * 256)
let offset = pool.length

const random16 = (): Uint8Array => {
  if (offset === pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const bytes = pool.subarray(offset, offset + 16)
  offset += 16
  return bytes
}

/** A UUID v7: time-ordered to the millisecond, the rest secure randomness (RFC 9562). */
export const newUuidV7 = (): string => v7({ random: random16() })
