import { Schema } from "effect"
import { type Actor, EventMetadata, type Json, type RecordedEvent } from "../../../domain/kernel/index.js"
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

/**
 * A row as the rest of the system sees it, with its metadata already decoded; `data`, when given, is
 * its data already parsed (what the writer of the row gave).
 */
export const toEvent = (
  row: Omit<EventsTable, "metadata">,
  metadata: EventMetadata,
  data?: Json,
): RecordedEvent => ({
  position: row.position,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: data !== undefined ? data : row.data === null ? null : JSON.parse(row.data),
  metadata,
  recordedAt: new Date(row.recorded_at),
  dataDigest: row.data_digest,
  prevHash: row.prev_hash,
  hash: row.hash,
  erased: row.erased !== 0,
})

// == The fast check: Schema's interpreter costs more than the query per row, so rows are first checked
// by hand against the same schema. It accepts only what EventRow accepts and builds the same value;
// anything else (an unknown metadata key, a wrong type, bad JSON) goes to the Schema, which decides.

const actorKinds: ReadonlySet<unknown> = new Set<Actor["kind"]>(["customer", "operator", "system"])
const optionalKeys = ["correlationId", "causationId", "requestId"] as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// Consecutive rows often carry the same metadata (every event of one command does): the last text's
// decoded value is kept and handed out again, which is safe because it is never mutated.
let lastMetadataText: string | undefined
let lastMetadata: EventMetadata | undefined

const fastMetadata = (text: string): EventMetadata | undefined => {
  if (text === lastMetadataText) return lastMetadata
  const metadata = parseMetadata(text)
  if (metadata !== undefined) {
    Object.freeze(metadata.actor)
    lastMetadataText = text
    lastMetadata = Object.freeze(metadata)
  }
  return metadata
}

const parseMetadata = (text: string): EventMetadata | undefined => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(parsed)) return undefined
  const actor = parsed.actor
  if (!isRecord(actor) || !actorKinds.has(actor.kind) || typeof actor.id !== "string") return undefined
  let keys = 0
  for (const _ in actor) keys++
  if (keys !== 2) return undefined
  // Built in the schema's key order, as the Schema would, whatever order the JSON had.
  const metadata: { -readonly [K in keyof EventMetadata]: EventMetadata[K] } = {
    actor: { kind: actor.kind as Actor["kind"], id: actor.id },
  }
  keys = 1
  for (const key of optionalKeys) {
    const value = parsed[key]
    if (value === undefined) continue
    if (typeof value !== "string") return undefined
    metadata[key] = value
    keys++
  }
  for (const _ in parsed) keys--
  return keys === 0 ? metadata : undefined
}

const fastRow = (raw: EventsTable): RecordedEvent | undefined => {
  if (
    typeof raw.position !== "number" ||
    typeof raw.stream_id !== "string" ||
    typeof raw.stream_version !== "number" ||
    typeof raw.event_id !== "string" ||
    typeof raw.type !== "string" ||
    typeof raw.schema_version !== "number" ||
    (raw.data !== null && typeof raw.data !== "string") ||
    typeof raw.metadata !== "string" ||
    typeof raw.recorded_at !== "string" ||
    typeof raw.data_digest !== "string" ||
    typeof raw.prev_hash !== "string" ||
    typeof raw.hash !== "string" ||
    typeof raw.erased !== "number"
  ) {
    return undefined
  }
  const metadata = fastMetadata(raw.metadata)
  return metadata === undefined ? undefined : toEvent(raw, metadata)
}

const checkedRow = (raw: EventsTable): RecordedEvent => {
  const row = decodeRow(raw)
  return toEvent(row, row.metadata)
}

export const toRecordedEvent = (raw: EventsTable): RecordedEvent => fastRow(raw) ?? checkedRow(raw)
