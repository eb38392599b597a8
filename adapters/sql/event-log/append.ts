import {
  type AppendOptions,
  type AppendResult,
  type IdempotencyClaim,
  type JobCompletion,
  JobLeaseLost,
  type StreamWrite,
} from "../../../application/event-log/event-store.js"
import {
  describeExpectedVersion,
  type ExpectedVersion,
  IdempotencyKeyReused,
  type Json,
  type NewEvent,
  StreamVersionConflict,
} from "../../../domain/kernel/index.js"
import type { Projection } from "../projections/projection.js"
import type { EventsTable } from "../schema.js"
import type { AppendSql, SqlStatement } from "./append-sql.js"
import { dataDigest, linkHash, sha256 } from "./hash-chain.js"

export interface AppendContext {
  readonly now: string
  readonly newId: () => string
  readonly projections: ReadonlyArray<Projection>
  /** Off only in benchmarks that measure the store without tamper evidence. */
  readonly hashChain: boolean
  readonly sql: AppendSql
}

export type Outcome =
  | { readonly _tag: "Appended"; readonly results: ReadonlyArray<AppendResult> }
  | { readonly _tag: "Refused"; readonly error: StreamVersionConflict | IdempotencyKeyReused | JobLeaseLost }

/**
 * What applies to a whole append; a job completion only to a job's follow-up. An idempotency key
 * records the append's first result, and the use case's answer when one is given (appendMany).
 */
export type WriteOptions = Omit<AppendOptions, "expected" | "idempotency"> & {
  readonly completes?: JobCompletion
  readonly idempotency?: IdempotencyClaim & { readonly answer?: unknown }
}

/**
 * What an append asks of the database, one step at a time. The append is written once, as a
 * generator of these steps, and run by two interpreters: a synchronous one on SQLite's own handle
 * (no promise between statements) and an asynchronous one on a Kysely connection (PostgreSQL, and
 * SQLite when projections must write). Each answer is the step's rows.
 */
export type AppendStep =
  | { readonly _tag: "Sql"; readonly query: SqlStatement }
  /** `data[i]` is `rows[i]`'s data as the writer gave it: the projections read it unparsed. */
  | {
      readonly _tag: "Project"
      readonly rows: ReadonlyArray<EventsTable>
      readonly data: ReadonlyArray<Json>
    }

type Rows = ReadonlyArray<Record<string, unknown>>
export type AppendProgram = Generator<AppendStep, Outcome, Rows>

const sqlStep = (query: SqlStatement): AppendStep => ({ _tag: "Sql", query })

const checkExpected = (streamId: string, expected: ExpectedVersion, actual: number) => {
  const ok =
    expected._tag === "Any" ||
    (expected._tag === "NoStream" && actual === 0) ||
    (expected._tag === "Exact" && expected.version === actual)
  return ok
    ? undefined
    : new StreamVersionConflict({ streamId, expected: describeExpectedVersion(expected), actual })
}

/** The answer recorded under an idempotency key; requests are compared by digest, never kept in clear. */
export function* lookupIdempotency(
  sql: AppendSql,
  claim: IdempotencyClaim,
): Generator<
  AppendStep,
  | { readonly _tag: "Appended"; readonly result: AppendResult }
  | { readonly _tag: "Refused"; readonly error: IdempotencyKeyReused }
  | undefined,
  Rows
> {
  const [previous] = yield sqlStep(sql.readIdempotency(claim.key))
  if (!previous) return undefined
  if (previous.fingerprint !== sha256(claim.fingerprint)) {
    return { _tag: "Refused", error: new IdempotencyKeyReused({ key: claim.key }) }
  }
  return {
    _tag: "Appended",
    result: { ...(JSON.parse(String(previous.result)) as AppendResult), replayed: true },
  }
}

/** The rows of an append, chained onto the head; pure. */
const buildRows = (
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  metadata: string,
  head: { readonly position: number; readonly hash: string; readonly version: number },
  context: AppendContext,
) => {
  const rows: Array<EventsTable> = []
  let prevHash = head.hash
  for (const [index, event] of events.entries()) {
    const data = JSON.stringify(event.data)
    const fields = {
      position: head.position + index + 1,
      streamId,
      streamVersion: head.version + index + 1,
      eventId: context.newId(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataDigest: context.hashChain ? dataDigest(data) : "",
      metadata,
      recordedAt: context.now,
    }
    const hash = context.hashChain ? linkHash(prevHash, fields) : ""
    rows.push({
      position: fields.position,
      stream_id: streamId,
      stream_version: fields.streamVersion,
      event_id: fields.eventId,
      type: fields.type,
      schema_version: fields.schemaVersion,
      data,
      metadata,
      recorded_at: context.now,
      data_digest: fields.dataDigest,
      prev_hash: context.hashChain ? prevHash : "",
      hash,
      erased: 0,
    })
    prevHash = hash
  }
  return { rows, headHash: prevHash }
}

/** One atomic append to one or more streams; whoever runs it holds the write lock and owns the transaction. */
export function* appendProgram(
  writes: ReadonlyArray<StreamWrite>,
  options: WriteOptions,
  context: AppendContext,
): AppendProgram {
  const { sql } = context
  if (writes.length > 1 && new Set(writes.map((w) => w.streamId)).size !== writes.length) {
    throw new Error("an append names the same stream twice")
  }
  const claim = options.idempotency
  if (claim) {
    const previous = yield* lookupIdempotency(sql, claim)
    if (previous?._tag === "Refused") return previous
    if (previous) return { _tag: "Appended", results: [previous.result] }
  }

  // Every stream's version is checked before anything is written: all of it, or none.
  let head: { position: number; hash: string } | undefined
  const current: Array<number> = []
  for (const write of writes) {
    const [found] = yield sqlStep(sql.readHead(write.streamId))
    if (!found) throw new Error("the log has no head row; is the database migrated?")
    head ??= { position: Number(found.position), hash: String(found.hash) }
    const version = Number(found.version ?? 0)
    const conflict = checkExpected(write.streamId, write.expected, version)
    if (conflict) return { _tag: "Refused", error: conflict }
    current.push(version)
  }
  if (!head) return { _tag: "Appended", results: [] }

  // After the version checks, before any write: a job another dispatcher has taken since is not
  // completed, and its follow-up is not written.
  if (options.completes) {
    const [completed] = yield sqlStep(sql.completeJob(options.completes))
    if (!completed) return { _tag: "Refused", error: new JobLeaseLost({ jobId: options.completes.id }) }
    yield sqlStep(
      sql.insertJobAttempt({
        id: context.newId(),
        jobId: options.completes.id,
        at: options.completes.at,
        detail: options.completes.detail,
      }),
    )
  }

  const metadata = JSON.stringify(options.metadata)
  const allRows: Array<EventsTable> = []
  const allData: Array<Json> = []
  const results: Array<AppendResult> = []
  let chain = head
  for (const [index, write] of writes.entries()) {
    const version = current[index]!
    const { rows, headHash } = buildRows(
      write.streamId,
      write.events,
      metadata,
      { ...chain, version },
      context,
    )
    chain = { position: chain.position + rows.length, hash: headHash }
    allRows.push(...rows)
    for (const event of write.events) allData.push(event.data)
    results.push({
      streamId: write.streamId,
      nextVersion: rows.at(-1)?.stream_version ?? version,
      positions: rows.map((r) => r.position),
      replayed: false,
    })
  }
  if (allRows.length > 0) {
    for (const query of sql.write(allRows, chain.hash)) yield sqlStep(query)
    // Every checkpoint moves with the log, whether or not its projection handled these events.
    if (context.projections.length > 0) yield { _tag: "Project", rows: allRows, data: allData }
  }

  // A job answers the last event of the append that wrote it.
  const causationId = allRows.at(-1)?.event_id ?? null
  for (const message of options.outbox ?? []) {
    yield sqlStep(
      sql.insertOutbox({
        id: context.newId(),
        position: chain.position,
        channel: message.channel,
        payload: JSON.stringify(message.payload),
        dueAt: message.dueAt ?? context.now,
        causationId,
        correlationId: options.metadata.correlationId ?? null,
        now: context.now,
      }),
    )
  }

  const first = results[0]
  if (claim && first) {
    const recorded = claim.answer === undefined ? first : { ...first, answer: claim.answer }
    yield sqlStep(
      sql.insertIdempotency({
        key: claim.key,
        fingerprint: sha256(claim.fingerprint),
        streamId: first.streamId,
        result: JSON.stringify(recorded),
        now: context.now,
      }),
    )
  }
  return { _tag: "Appended", results }
}
