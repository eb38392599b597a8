import { Schema } from "effect"
import { CompiledQuery } from "kysely"
import { type Actor, EventMetadata, type RecordedEvent } from "../../../domain/kernel/index.js"
import type { DatabaseTarget } from "../database.js"
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

/** A row as the rest of the system sees it, with its metadata already decoded. */
export const toEvent = (row: Omit<EventsTable, "metadata">, metadata: EventMetadata): RecordedEvent => ({
  position: row.position,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: row.data === null ? null : JSON.parse(row.data),
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
}

export const makeReadSql = (dialect: DatabaseTarget["dialect"]): ReadSql => {
  const [a, b] = dialect === "sqlite" ? ["?", "?"] : ["$1", "$2"]
  const stream = `select ${eventColumns} from events where stream_id = ${a} and stream_version >= ${b} order by stream_version`
  const after = `select ${eventColumns} from events where position > ${a} order by position limit ${b}`
  return {
    stream: (streamId, fromVersion) => CompiledQuery.raw(stream, [streamId, fromVersion]),
    after: (position, limit) => CompiledQuery.raw(after, [position, limit]),
  }
}

// == Appends, in SQL written once per dialect.

const columnsPerEvent = 13
// Within both dialects' limits on bound parameters; longer appends take several statements.
const maxEventsPerInsert = 100

/** SQL text per row count, built on first use (counts stay at or below maxEventsPerInsert). */
const byCount = (build: (count: number) => string) => {
  const texts = new Map<number, string>()
  return (count: number) => {
    let text = texts.get(count)
    if (text === undefined) {
      text = build(count)
      texts.set(count, text)
    }
    return text
  }
}

/**
 * SQL text and its parameters: what the event log's own interpreters run. (Kysely's CompiledQuery
 * freezes itself on creation, a measurable cost at several statements per append; the Kysely
 * interpreter builds one only when it needs it.)
 */
export interface SqlStatement {
  readonly sql: string
  readonly parameters: ReadonlyArray<unknown>
  /**
   * Returns nothing the append reads: an interpreter may hold it back and send it later, together
   * with what follows (on PostgreSQL, with the COMMIT, in one round trip).
   */
  readonly write?: true
}

const statement = (sql: string, parameters: ReadonlyArray<unknown>): SqlStatement => ({ sql, parameters })
const writeStatement = (sql: string, parameters: ReadonlyArray<unknown>): SqlStatement => ({
  sql,
  parameters,
  write: true,
})

export interface AppendSql {
  /** The stream's version (the top of its unique index; null before its first event) and the log head, in one read. */
  readonly readHead: (streamId: string) => SqlStatement
  /** Inserts the rows and moves the log head: one statement on PostgreSQL, two on SQLite. */
  readonly write: (rows: ReadonlyArray<EventsTable>, headHash: string) => ReadonlyArray<SqlStatement>
  readonly readIdempotency: (key: string) => SqlStatement
  readonly insertIdempotency: (row: {
    key: string
    fingerprint: string
    streamId: string
    result: string
    now: string
  }) => SqlStatement
  readonly insertOutbox: (row: {
    id: string
    position: number
    channel: string
    payload: string
    now: string
  }) => SqlStatement
}

/** A stream's version; 0 before its first event. */
export const streamVersionSql = (dialect: DatabaseTarget["dialect"]) =>
  `select coalesce(max(stream_version), 0) as version from events where stream_id = ${dialect === "sqlite" ? "?" : "$1"}`

export const makeAppendSql = (dialect: DatabaseTarget["dialect"]): AppendSql => {
  const p = (n: number) => (dialect === "sqlite" ? "?" : `$${n}`)
  const list = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => p(from + i)).join(", ")
  const insertEvents = byCount((count) => {
    const tuples = Array.from(
      { length: count },
      (_, r) => `(${list(r * columnsPerEvent + 1, columnsPerEvent)})`,
    )
    return `insert into events (${eventColumns}) values ${tuples.join(", ")}`
  })
  const moveHead = (from: number) =>
    `update log_head set position = ${p(from)}, hash = ${p(from + 1)} where id = 1`
  const readHead =
    "select (select max(stream_version) from events where stream_id = " +
    `${p(1)}) as version, position, hash from log_head where id = 1`
  // PostgreSQL takes both writes as one statement (one round trip); SQLite runs them in turn.
  const combined = byCount(
    (count) => `with appended as (${insertEvents(count)}) ${moveHead(count * columnsPerEvent + 1)}`,
  )
  const sqliteMoveHead = moveHead(1)
  const readIdempotency = `select fingerprint, result from idempotency_keys where key = ${p(1)}`
  const insertIdempotency =
    "insert into idempotency_keys (key, fingerprint, stream_id, result, created_at) " +
    `values (${list(1, 5)})`
  const insertOutbox =
    "insert into outbox (id, position, channel, payload, status, attempts, next_attempt_at, created_at) " +
    `values (${list(1, 4)}, 'pending', 0, ${list(5, 2)})`

  const eventValues = (rows: ReadonlyArray<EventsTable>): Array<unknown> => {
    const values: Array<unknown> = []
    for (const r of rows) {
      values.push(r.position, r.stream_id, r.stream_version, r.event_id, r.type, r.schema_version, r.data)
      values.push(r.metadata, r.recorded_at, r.data_digest, r.prev_hash, r.hash, r.erased)
    }
    return values
  }

  return {
    readHead: (streamId) => statement(readHead, [streamId]),
    write: (rows, headHash) => {
      const last = rows[rows.length - 1]!
      const queries: Array<SqlStatement> = []
      const tail = rows.length - ((rows.length - 1) % maxEventsPerInsert) - 1
      for (let from = 0; from < tail; from += maxEventsPerInsert) {
        const chunk = rows.slice(from, from + maxEventsPerInsert)
        queries.push(writeStatement(insertEvents(chunk.length), eventValues(chunk)))
      }
      const lastChunk = rows.slice(tail)
      const head = [last.position, headHash]
      if (dialect === "sqlite") {
        queries.push(writeStatement(insertEvents(lastChunk.length), eventValues(lastChunk)))
        queries.push(writeStatement(sqliteMoveHead, head))
      } else {
        const values = eventValues(lastChunk)
        values.push(...head)
        queries.push(writeStatement(combined(lastChunk.length), values))
      }
      return queries
    },
    readIdempotency: (key) => statement(readIdempotency, [key]),
    insertIdempotency: (r) =>
      writeStatement(insertIdempotency, [r.key, r.fingerprint, r.streamId, r.result, r.now]),
    insertOutbox: (r) => writeStatement(insertOutbox, [r.id, r.position, r.channel, r.payload, r.now, r.now]),
  }
}
