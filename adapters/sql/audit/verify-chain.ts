import type { BrokenLink, Progress, VerifyReport } from "../../../application/audit/audit-log.js"
import { erasureEventType } from "../../../application/event-log/event-store.js"
import type { Database } from "../database.js"
import { dataDigest, genesisHash, linkHash } from "../event-log/hash-chain.js"
import type { EventsTable } from "../schema.js"

const batchSize = 2000

/**
 * Walks the raw rows (not decoded events: the chain covers the bytes as stored) and reports the
 * first row that does not follow: a gap, a wrong link, a digest or hash that does not match, or
 * data marked erased with no recorded erasure.
 */
export const verifyChain = async (database: Database, progress?: Progress): Promise<VerifyReport> => {
  const { db } = database
  const head = await db
    .selectFrom("log_head")
    .select(["position", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow()
  const total = Number(
    (
      await db
        .selectFrom("events")
        .select((e) => e.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  )
  let prevHash = genesisHash
  let expectedPosition = 1
  const streamVersions = new Map<string, number>()
  const erasedUnrecorded = new Map<number, string>()
  let checked = 0
  const broken = (
    row: Pick<EventsTable, "position" | "stream_id">,
    reason: string,
    expected: string,
    found: string,
  ) =>
    ({
      _tag: "Broken",
      checked,
      link: { position: row.position, streamId: row.stream_id, reason, expected, found },
    }) as const

  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom("events")
      .selectAll()
      .where("position", ">", after)
      .orderBy("position")
      .limit(batchSize)
      .execute()
    for (const row of rows) {
      if (row.position !== expectedPosition)
        return broken(row, "gap in positions", String(expectedPosition), String(row.position))
      const version = (streamVersions.get(row.stream_id) ?? 0) + 1
      if (row.stream_version !== version)
        return broken(row, "gap in stream versions", String(version), String(row.stream_version))
      if (row.prev_hash !== prevHash)
        return broken(row, "prev_hash does not link to the previous row", prevHash, row.prev_hash)
      if (row.erased === 0) {
        const digest = row.data === null ? "(no data)" : dataDigest(row.data)
        if (digest !== row.data_digest)
          return broken(row, "data does not match its digest", row.data_digest, digest)
      } else {
        if (row.data !== null) return broken(row, "erased row still holds data", "null", "data")
        erasedUnrecorded.set(row.position, row.stream_id)
      }
      if (row.type === erasureEventType && row.erased === 0 && row.data !== null) {
        for (const position of (JSON.parse(row.data) as { positions?: Array<number> }).positions ?? []) {
          erasedUnrecorded.delete(position)
        }
      }
      const hash = linkHash(prevHash, {
        position: row.position,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        dataDigest: row.data_digest,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
      })
      if (hash !== row.hash) return broken(row, "hash does not match the row", hash, row.hash)
      prevHash = row.hash
      streamVersions.set(row.stream_id, version)
      expectedPosition++
      checked++
    }
    progress?.(checked, total)
    const last = rows.at(-1)
    if (!last || rows.length < batchSize) break
    after = last.position
  }
  const [orphan] = erasedUnrecorded
  if (orphan) {
    return broken(
      { position: orphan[0], stream_id: orphan[1] },
      "data erased without a recorded erasure",
      "an EventDataErased record",
      "none",
    )
  }
  if (head.position !== checked || head.hash !== prevHash) {
    return broken(
      { position: head.position, stream_id: "$head" },
      "log head does not match the last row",
      `${checked}:${prevHash}`,
      `${head.position}:${head.hash}`,
    )
  }
  return { _tag: "Intact", events: checked, headHash: prevHash }
}

export type { BrokenLink }
