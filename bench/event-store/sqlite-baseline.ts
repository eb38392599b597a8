import { randomUUID } from "node:crypto"
import SQLite from "better-sqlite3"
import { eventData, eventType, metadataJson, pagedReplay, replayBatchSize, type Subject } from "./subject.js"

const schema = `
  create table events (
    position integer primary key,
    stream_id text not null,
    version integer not null,
    event_id text not null,
    type text not null,
    schema_version integer not null,
    data text not null,
    metadata text not null,
    recorded_at text not null,
    unique (stream_id, version)
  )`

/** better-sqlite3 alone, at the store's durability: WAL, synchronous=FULL, BEGIN IMMEDIATE per append. */
export const openSqliteBaseline = async (file: string): Promise<Subject> => {
  const db = new SQLite(file)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = FULL")
  db.exec(schema)
  const insert = db.prepare(
    "insert into events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at) values (?, ?, ?, ?, 1, ?, ?, ?)",
  )
  const selectStream = db.prepare("select * from events where stream_id = ? order by version")
  const selectAfter = db.prepare("select * from events where position > ? order by position limit ?")
  const append = db.transaction((streamId: string, version: number, count: number) => {
    const now = new Date().toISOString()
    for (let v = version + 1; v <= version + count; v++) {
      insert.run(
        streamId,
        v,
        randomUUID(),
        eventType,
        JSON.stringify(eventData(streamId, v)),
        metadataJson,
        now,
      )
    }
  })
  return {
    append: async (streamId, version, count) => append.immediate(streamId, version, count),
    readStream: async (streamId) => selectStream.all(streamId).length,
    replay: () =>
      pagedReplay(0, (after) => selectAfter.all(after, replayBatchSize) as Array<{ position: number }>),
    close: async () => {
      db.close()
    },
  }
}
