import { Arbitrary, Either, FastCheck as fc } from "effect"
import { expect, it } from "vitest"
import type { AnyEventCodec } from "../../domain/kernel/index.js"

/** For every event type of a codec: any value survives encode → JSON text → decode unchanged. */
export const testCodecRoundTrips = (codec: AnyEventCodec) => {
  // The codec's own schemas make the events, so every one of them is of the codec's family.
  const encode = codec.encode as (event: unknown) => ReturnType<AnyEventCodec["encode"]>
  for (const [type, entry] of Object.entries(codec.entries)) {
    it(`round-trips every ${type} through the codec and JSON`, () => {
      fc.assert(
        fc.property(Arbitrary.make(entry.schema), (event) => {
          const stored = JSON.parse(JSON.stringify(encode(event)))
          expect(stored.type).toBe(type)
          expect(codec.decode(stored.type, stored.schemaVersion, stored.data)).toEqual(Either.right(event))
        }),
      )
    })
  }
}
