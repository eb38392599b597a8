import { describe, expect, it } from "vitest"
import { makeLicenseListCache } from "../../application/licensing/license-list-cache.js"

const quarterHour = 15 * 60_000
const bytes = (text: string) => new TextEncoder().encode(text)
const at = Date.parse("2026-11-21T09:14:00Z")

describe("licence list cache", () => {
  it("hands a list back only for the same version, and not past the quarter hour it was made in", () => {
    const cache = makeLicenseListCache()
    const list = bytes("list")
    cache.set("acc-1", "v1", at, list)
    expect(cache.get("acc-1", "v1", at + 59_000)).toBe(list)
    expect(cache.get("acc-1", "v2", at)).toBeUndefined()
    expect(cache.get("acc-2", "v1", at)).toBeUndefined()
    // 09:14 → kept until 09:15, when any zone's day may have turned.
    expect(cache.get("acc-1", "v1", Math.ceil(at / quarterHour) * quarterHour)).toBeUndefined()
  })

  it("keeps at most its capacity, dropping the longest unchanged first", () => {
    const cache = makeLicenseListCache(2)
    const [a, b, a2, c] = ["A", "B", "A2", "C"].map(bytes)
    cache.set("a", "v", at, a!)
    cache.set("b", "v", at, b!)
    cache.set("a", "v2", at, a2!)
    cache.set("c", "v", at, c!)
    expect(cache.get("b", "v", at)).toBeUndefined()
    expect(cache.get("a", "v2", at)).toBe(a2)
    expect(cache.get("c", "v", at)).toBe(c)
  })
})
