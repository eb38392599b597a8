import { randomUUID } from "node:crypto"
import pg from "pg"
import { eventColumns } from "../../adapters/sql/event-log/read-sql.js"
import { eventData, eventType, metadataJson, pagedReplay, replayBatchSize, type Subject } from "./subject.js"

const columnsPerEvent = 8
// The store reads rows as arrays, in this order.
const columns = eventColumns
const writeTexts = new Map<number, string>()
const writeText = (count: number) => {
  let text = writeTexts.get(count)
  if (text === undefined) {
    const tuples = Array.from({ length: count }, (_, r) => {
      const p = (c: number) => `$${r * columnsPerEvent + c}`
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, 1, ${p(6)}, ${p(7)}, ${p(8)}, '', '', '', 0)`
    })
    const n = count * columnsPerEvent
    text =
      "with appended as (insert into events (position, stream_id, stream_version, event_id, type, schema_version, " +
      `data, metadata, recorded_at, data_digest, prev_hash, hash, erased) values ${tuples.join(", ")}) ` +
      `update log_head set position = $${n + 1}, hash = '' where id = 1`
    writeTexts.set(count, text)
  }
  return text
}

/** The store's own round trips on its own tables, as named statements on one pg connection. */
export const openPostgresStoreSql = async (url: string, schema: string): Promise<Subject> => {
  // As the store's appends: a connection in pipeline mode.
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}`, pipeline: true })
  await client.connect()
  const lock = {
    name: "lock",
    text: "select pg_advisory_xact_lock(hashtext($1))",
    values: [`portcullis.event-log.${schema}`],
  }
  const readHead =
    "select (select max(stream_version) from events where stream_id = $1) as version, " +
    "position, hash from log_head where id = 1"
  return {
    append: async (streamId, version, count) => {
      // As the store: BEGIN, the lock and the head read in one round trip, the write and the
      // COMMIT in another.
      const begun = client.query("begin")
      const locked = client.query(lock)
      const head = client.query<{ version: number | null; position: string }>({
        name: "read-head",
        text: readHead,
        values: [streamId],
      })
      try {
        await begun
        await locked
        const found = (await head).rows[0]!
        if ((found.version ?? 0) !== version) throw new Error(`${streamId} is not at version ${version}`)
        const position = Number(found.position)
        const now = new Date().toISOString()
        const values: Array<string | number> = []
        for (let i = 1; i <= count; i++) {
          const data = JSON.stringify(eventData(streamId, version + i))
          values.push(position + i, streamId, version + i, randomUUID(), eventType, data, metadataJson, now)
        }
        values.push(position + count)
        const written = client.query({ name: `write-${count}`, text: writeText(count), values })
        const committed = client.query("commit")
        await written
        await committed
      } catch (error) {
        await client.query("rollback")
        throw error
      }
    },
    readStream: async (streamId) => {
      const result = await client.query({
        name: "read-stream",
        text: `select ${columns} from events where stream_id = $1 and stream_version >= $2 order by stream_version`,
        values: [streamId, 1],
        rowMode: "array",
      })
      return result.rows.length
    },
    replay: () =>
      pagedReplay("0", async (after) => {
        const { rows } = await client.query<[string]>({
          name: "read-after",
          text: `select ${columns} from events where position > $1 order by position limit $2`,
          values: [after, replayBatchSize],
          rowMode: "array",
        })
        return rows.map((row) => ({ position: row[0] }))
      }),
    close: () => client.end(),
  }
}
