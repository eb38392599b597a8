import type { DatabaseTarget } from "../database.js"
import type { EventsTable } from "../schema.js"
import { eventColumns } from "./read-sql.js"

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
    dueAt: string
    causationId: string | null
    correlationId: string | null
    now: string
  }) => SqlStatement
  /** Marks a job done if its lease is still the given one; returns its row only then. */
  readonly completeJob: (job: { id: string; leaseToken: string; at: string }) => SqlStatement
  readonly insertJobAttempt: (row: { id: string; jobId: string; at: string; detail: string }) => SqlStatement
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
    "insert into outbox (id, position, channel, payload, status, attempts, next_attempt_at, created_at, causation_id, correlation_id) " +
    `values (${list(1, 4)}, 'pending', 0, ${list(5, 4)})`
  const completeJob =
    `update outbox set status = 'done', attempts = attempts + 1, completed_at = ${p(1)}, ` +
    "lease_until = null, lease_token = null, last_error = null " +
    `where id = ${p(2)} and lease_token = ${p(3)} and status = 'pending' returning id`
  const insertJobAttempt =
    "insert into outbox_attempts (id, message_id, attempted_at, outcome, detail) " +
    `values (${list(1, 3)}, 'done', ${p(4)})`

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
    insertOutbox: (r) =>
      writeStatement(insertOutbox, [
        r.id,
        r.position,
        r.channel,
        r.payload,
        r.dueAt,
        r.now,
        r.causationId,
        r.correlationId,
      ]),
    // Read, not a write: the append needs its answer before it writes anything else.
    completeJob: (job) => statement(completeJob, [job.at, job.id, job.leaseToken]),
    insertJobAttempt: (r) => writeStatement(insertJobAttempt, [r.id, r.jobId, r.at, r.detail]),
  }
}
