import { CompiledQuery } from "kysely"
import type { DatabaseTarget } from "../database.js"
import type { EventsTable } from "../schema.js"

// == The hot path's SQL, written once per dialect: building and compiling a Kysely query on every call
// cost more than running it. Both dialects take the same SQL but for the placeholders.

/**
 * Reads fetch rows as arrays in this column order: both drivers build an array far faster than an
 * object with named fields (better-sqlite3 half again as many rows per second), and the object is
 * then built here, in one shape.
 */
export const eventColumns =
  "position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, data_digest, prev_hash, hash, erased"

export type EventTuple = ReadonlyArray<unknown>

/** A row fetched as an array (eventColumns order) as the table's row type; checked later, as every row. */
export const rowOfTuple = (t: EventTuple): EventsTable => ({
  position: t[0] as number,
  stream_id: t[1] as string,
  stream_version: t[2] as number,
  event_id: t[3] as string,
  type: t[4] as string,
  schema_version: t[5] as number,
  data: t[6] as string | null,
  metadata: t[7] as string,
  recorded_at: t[8] as string,
  data_digest: t[9] as string,
  prev_hash: t[10] as string,
  hash: t[11] as string,
  erased: t[12] as number,
})

export interface ReadSql {
  readonly stream: (streamId: string, fromVersion: number) => CompiledQuery<EventsTable>
  readonly after: (position: number, limit: number) => CompiledQuery<EventsTable>
  /** Several whole streams, each in version order. */
  readonly streams: (streamIds: ReadonlyArray<string>) => CompiledQuery<EventsTable>
}

export const makeReadSql = (dialect: DatabaseTarget["dialect"]): ReadSql => {
  const [a, b] = dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"]
  const stream = `select ${eventColumns} from events where stream_id = ${a} and stream_version >= ${b} order by stream_version`
  const after = `select ${eventColumns} from events where position > ${a} order by position limit ${b}`
  return {
    stream: (streamId, fromVersion) => CompiledQuery.raw(stream, [streamId, fromVersion]),
    after: (position, limit) => CompiledQuery.raw(after, [position, limit]),
    streams: (streamIds) => {
      const marks = streamIds.map((_, i) => (dialect === "sqlite" ? "?" : `$${i + 1}`)).join(", ")
      return CompiledQuery.raw(
        `select ${eventColumns} from events where stream_id in (${marks}) order by stream_id, stream_version`,
        [...streamIds],
      )
    },
  }
}
