/** What a benchmark drives: the event store, or the raw driver doing the least that does the same job. */
export interface Subject {
  /** Appends `count` events to a stream that is at `version`, requiring exactly that version. */
  readonly append: (streamId: string, version: number, count: number) => Promise<void>
  /** Reads one stream in version order; answers how many events came back. */
  readonly readStream: (streamId: string) => Promise<number>
  /** Reads the whole log in position order, in batches; answers how many events came back. */
  readonly replay: () => Promise<number>
  readonly close: () => Promise<void>
}

export const replayBatchSize = 1000

// A typical event: a few fields of data, metadata with an actor and correlation ids.
export const eventType = "NoteAdded"
export const eventData = (streamId: string, version: number) => ({
  accountId: streamId,
  n: version,
  note: "a short note of the size a typical domain event carries",
})
export const metadata = {
  actor: { kind: "customer" as const, id: "acc-0001" },
  correlationId: "0195d0c4-7b7e-7000-8000-000000000001",
  requestId: "req-0001",
}
export const metadataJson = JSON.stringify(metadata)

/**
 * Replay as the store does it: pages of `replayBatchSize` rows after the last position seen. The
 * cursor is whatever the driver hands back for `position` (a number, or pg's int8 text).
 */
export const pagedReplay = async <C>(
  first: C,
  page: (
    after: C,
  ) => Promise<ReadonlyArray<{ readonly position: C }>> | ReadonlyArray<{ readonly position: C }>,
): Promise<number> => {
  let total = 0
  for (let after = first; ; ) {
    const rows = await page(after)
    total += rows.length
    if (rows.length < replayBatchSize) return total
    after = rows[rows.length - 1]!.position
  }
}
