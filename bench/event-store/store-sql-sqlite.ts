import { randomUUID } from "node:crypto"
import SQLite from "better-sqlite3"
import { eventColumns } from "../../adapters/sql/event-log/read-sql.js"
import { eventData, eventType, metadataJson, pagedReplay, replayBatchSize, type Subject } from "./subject.js"

/**
 * The store's own statements on the store's own tables, prepared once and run by better-sqlite3
 * with no Kysely, Effect or row decoding: the floor that the schema and the disk set for the store.
 */
export const openSqliteStoreSql = async (file: string): Promise<Subject> => {
  const db = new SQLite(file)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = FULL")
  const readHead = db.prepare(
    "select (select max(stream_version) from events where stream_id = ?) as version, " +
      "position, hash from log_head where id = 1",
  )
  const insert = db.prepare(
    "insert into events (position, stream_id, stream_version, event_id, type, schema_version, data, metadata, " +
      "recorded_at, data_digest, prev_hash, hash, erased) values (?, ?, ?, ?, ?, 1, ?, ?, ?, '', '', '', 0)",
  )
  const moveHead = db.prepare("update log_head set position = ?, hash = '' where id = 1")
  // As the store: rows as arrays, in its column order.
  const columns = eventColumns
  const selectStream = db
    .prepare(
      `select ${columns} from events where stream_id = ? and stream_version >= ? order by stream_version`,
    )
    .raw(true)
  const selectAfter = db
    .prepare(`select ${columns} from events where position > ? order by position limit ?`)
    .raw(true)
  const append = db.transaction((streamId: string, version: number, count: number) => {
    const head = readHead.get(streamId) as { version: number | null; position: number }
    if ((head.version ?? 0) !== version) throw new Error(`${streamId} is not at version ${version}`)
    const now = new Date().toISOString()
    for (let i = 1; i <= count; i++) {
      const data = JSON.stringify(eventData(streamId, version + i))
      insert.run(head.position + i, streamId, version + i, randomUUID(), eventType, data, metadataJson, now)
    }
    moveHead.run(head.position + count)
  })
  return {
    append: async (streamId, version, count) => append.immediate(streamId, version, count),
    readStream: async (streamId) => selectStream.all(streamId, 1).length,
    replay: () =>
      pagedReplay(0, (after) =>
        (selectAfter.all(after, replayBatchSize) as Array<[number]>).map((row) => ({ position: row[0] })),
      ),
    close: async () => {
      db.close()
    },
  }
}
