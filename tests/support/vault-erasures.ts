import type { RecordedEvent } from "../../domain/kernel/index.js"

/** Every erased row, and every position the `$erasures` records name: an audit wants them equal. */
export const erasureBook = (events: ReadonlyArray<RecordedEvent>) => {
  const named = new Set<number>()
  for (const e of events) {
    if (e.streamId === "$erasures" && !e.erased) {
      for (const position of (e.data as { positions: ReadonlyArray<number> }).positions) named.add(position)
    }
  }
  const erased = new Set(events.filter((e) => e.erased).map((e) => e.position))
  return { named: [...named].sort((a, b) => a - b), erased: [...erased].sort((a, b) => a - b) }
}
