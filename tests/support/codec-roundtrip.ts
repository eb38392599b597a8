import { Arbitrary, Either, FastCheck as fc, type Schema } from "effect"
import { expect, it } from "vitest"
import type { EventCodec } from "../../domain/kernel/index.js"

/** For every event type of a codec: any value survives encode → JSON text → decode unchanged. */
export const testCodecRoundTrips = <E extends { readonly _tag: string }>(codec: EventCodec<E>) => {
  for (const [type, entry] of Object.entries(codec.entries)) {
    it(`round-trips every ${type} through the codec and JSON`, () => {
      fc.assert(
        fc.property(Arbitrary.make(entry.schema as Schema.Schema<E>), (event) => {
          const stored = JSON.parse(JSON.stringify(codec.encode(event)))
          expect(codec.decode(stored.type, stored.schemaVersion, stored.data)).toEqual(Either.right(event))
        }),
      )
    })
  }
}
