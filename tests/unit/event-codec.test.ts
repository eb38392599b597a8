import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { canonicalJson } from "../../domain/kernel/index.js"
import { tallyCodec } from "../support/tally.js"

describe("event codec registry", () => {
  it("stores the type outside the data and writes the current schema version", () => {
    const encoded = tallyCodec.encode({ _tag: "AmountAdded", amount: 5, at: "t" })
    expect(encoded).toEqual({ type: "AmountAdded", schemaVersion: 2, data: { amount: 5, at: "t" } })
  })

  it("upcasts an older stored version step by step", () => {
    const decoded = tallyCodec.decode("AmountAdded", 1, { amount: "7", at: "t" })
    expect(decoded).toEqual(Either.right({ _tag: "AmountAdded", amount: 7, at: "t" }))
  })

  it("refuses unknown types, newer versions and data that does not fit the schema", () => {
    const tags = [
      tallyCodec.decode("Nope", 1, {}),
      tallyCodec.decode("AmountAdded", 3, { amount: 1, at: "t" }),
      tallyCodec.decode("AmountAdded", 2, { amount: "x", at: "t" }),
    ].map((result) => Either.isLeft(result) && result.left._tag)
    expect(tags).toEqual(["EventDecodeError", "EventDecodeError", "EventDecodeError"])
  })

  it("gives the same canonical JSON whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    )
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })
})
