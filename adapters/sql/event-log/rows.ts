import { Schema } from "effect"
import { EventMetadata, type RecordedEvent } from "../../../domain/kernel/index.js"
import type { EventsTable } from "../schema.js"

// The SQL boundary: a row is checked against this before the rest of the system sees it.
const EventRow = Schema.Struct({
  position: Schema.Number,
  stream_id: Schema.String,
  stream_version: Schema.Number,
  event_id: Schema.String,
  type: Schema.String,
  schema_version: Schema.Number,
  data: Schema.NullOr(Schema.String),
  metadata: Schema.parseJson(EventMetadata),
  recorded_at: Schema.String,
  data_digest: Schema.String,
  prev_hash: Schema.String,
  hash: Schema.String,
  erased: Schema.Number,
})

const decodeRow = Schema.decodeUnknownSync(EventRow)

export const toRecordedEvent = (raw: EventsTable): RecordedEvent => {
  const row = decodeRow(raw)
  return {
    position: row.position,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data === null ? null : JSON.parse(row.data),
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
    dataDigest: row.data_digest,
    prevHash: row.prev_hash,
    hash: row.hash,
    erased: row.erased !== 0,
  }
}
