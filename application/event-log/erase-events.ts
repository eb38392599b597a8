import { Effect } from "effect"
import type { EventCodec, EventMetadata, RecordedEvent } from "../../domain/kernel/index.js"
import { EventStore } from "./event-store.js"

/** A stream event that still holds its data, decoded beside its record. */
export interface LiveEvent<E> {
  readonly recorded: RecordedEvent
  readonly event: E
}

/** The events of a stream that erasure has not reached, decoded: what a sweep picks its targets from. */
export const readLiveEvents = <E extends { readonly _tag: string }>(codec: EventCodec<E>, streamId: string) =>
  Effect.gen(function* () {
    const recorded = yield* (yield* EventStore).readStream(streamId)
    return yield* Effect.forEach(
      recorded.filter((e) => !e.erased),
      (e) =>
        Effect.map(Effect.orDie(codec.decode(e.type, e.schemaVersion, e.data)), (event) => ({
          recorded: e,
          event,
        })),
    )
  })

/** After a sweep that erased `count` events: the store's own files are to hold them no longer. */
export const settleErasures = (count: number) =>
  count === 0 ? Effect.void : Effect.flatMap(EventStore, (store) => store.settleErasures)

/**
 * Erases `targets` of a stream (the whole stream with `all`), and only when there are any:
 * `EventStore.erase` writes an erasure record even with nothing to erase, so a sweep that runs
 * again to finish one a crash cut short would otherwise add an empty record each time.
 * Answers how many events were erased.
 */
export const eraseEvents = (
  streamId: string,
  targets: ReadonlyArray<RecordedEvent>,
  options: { readonly reason: string; readonly metadata: EventMetadata; readonly all?: boolean },
) =>
  Effect.gen(function* () {
    if (targets.length === 0) return 0
    const erased = yield* (yield* EventStore).erase(streamId, {
      ...(options.all === true ? {} : { versions: targets.map((e) => e.streamVersion) }),
      reason: options.reason,
      metadata: options.metadata,
    })
    return erased.erasedPositions.length
  })
