import { Either } from "effect"
import type { EventCodec, RecordedEvent } from "../../../domain/kernel/index.js"

/** A projection reads events through the feature's codec, so upcasting applies to read models too. */
export const decodeWith =
  <E extends { readonly _tag: string }>(codec: EventCodec<E>) =>
  (event: RecordedEvent): E => {
    const decoded = codec.decode(event.type, event.schemaVersion, event.data)
    if (Either.isLeft(decoded)) throw decoded.left
    return decoded.right
  }
