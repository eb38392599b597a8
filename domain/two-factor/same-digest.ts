/**
 * Digests compared without an early exit: the time taken says nothing about how much of a guess
 * was right. (The digests are keyed, so this is belt and braces.)
 */
export const sameDigest = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  }
  return difference === 0
}
