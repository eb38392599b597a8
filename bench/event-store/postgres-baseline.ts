import { randomUUID } from "node:crypto"
import pg from "pg"
import { eventData, eventType, metadataJson, pagedReplay, replayBatchSize, type Subject } from "./subject.js"

const schema = `
  create table events (
    position bigint generated always as identity primary key,
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

const columnsPerRow = 6
const insertTexts = new Map<number, string>()
const buildInsertText = (rows: number) => {
  const tuples = Array.from({ length: rows }, (_, r) => {
    const p = (c: number) => `$${r * columnsPerRow + c}`
    return `(${p(1)}, ${p(2)}, ${p(3)}, '${eventType}', 1, ${p(4)}, ${p(5)}, ${p(6)})`
  })
  return `insert into events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at) values ${tuples.join(", ")}`
}
const insertText = (rows: number) => {
  let text = insertTexts.get(rows)
  if (text === undefined) {
    text = buildInsertText(rows)
    insertTexts.set(rows, text)
  }
  return text
}

/**
 * pg alone on one connection: BEGIN, one named (server-prepared) insert carrying every row of the
 * append, COMMIT. Reads are named selects; replay pages by position like the store does.
 */
export const openPostgresBaseline = async (url: string, schemaName: string): Promise<Subject> => {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schemaName}` })
  await client.connect()
  await client.query(`create schema "${schemaName}"`)
  await client.query(schema)
  return {
    append: async (streamId, version, count) => {
      const now = new Date().toISOString()
      const values: Array<string | number> = []
      for (let v = version + 1; v <= version + count; v++) {
        values.push(streamId, v, randomUUID(), JSON.stringify(eventData(streamId, v)), metadataJson, now)
      }
      await client.query("begin")
      await client.query({ name: `insert-${count}`, text: insertText(count), values })
      await client.query("commit")
    },
    readStream: async (streamId) => {
      const result = await client.query({
        name: "read-stream",
        text: "select * from events where stream_id = $1 order by version",
        values: [streamId],
      })
      return result.rows.length
    },
    replay: () =>
      pagedReplay("0", async (after) => {
        const { rows } = await client.query<{ position: string }>({
          name: "read-after",
          text: "select * from events where position > $1 order by position limit $2",
          values: [after, replayBatchSize],
        })
        return rows
      }),
    close: () => client.end(),
  }
}
