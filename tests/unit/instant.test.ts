import { Arbitrary, FastCheck as fc, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Instant, isBefore, isInstantText, plusMillis, toMillis } from "../../domain/kernel/index.js"

describe("Instant", () => {
  it("accepts only the canonical UTC form", () => {
    expect(isInstantText("2026-12-01T09:30:00.000Z")).toBe(true)
    for (const text of [
      "2026-12-01T09:30:00Z",
      "2026-12-01T09:30:00.000+01:00",
      "2026-02-30T00:00:00.000Z",
      "",
    ])
      expect(isInstantText(text)).toBe(false)
  })

  it("compares as a time and moves by milliseconds", () => {
    const a = Schema.decodeSync(Instant)("2026-12-01T09:30:00.000Z")
    const b = plusMillis(a, 1)
    expect(b).toBe("2026-12-01T09:30:00.001Z")
    expect(isBefore(a, b)).toBe(true)
    expect(isBefore(b, a)).toBe(false)
  })

  it("its arbitrary yields valid instants that round-trip", () => {
    fc.assert(
      fc.property(Arbitrary.make(Instant), (instant) => {
        expect(Schema.decodeSync(Instant)(instant)).toBe(instant)
        expect(new Date(toMillis(instant)).toISOString()).toBe(instant)
      }),
    )
  })
})
