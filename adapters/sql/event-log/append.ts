import type { Kysely } from "kysely"
import type {
  AppendOptions,
  AppendResult,
  IdempotencyClaim,
} from "../../../application/event-log/event-store.js"
import {
  describeExpectedVersion,
  IdempotencyKeyReused,
  type NewEvent,
  StreamVersionConflict,
} from "../../../domain/kernel/index.js"
import { handles, type Projection } from "../projections/projection.js"
import type { AnyTables, EventsTable } from "../schema.js"
import { dataDigest, linkHash, sha256 } from "./hash-chain.js"
import { type AppendSql, toEvent } from "./rows.js"

export interface AppendContext {
  readonly now: string
  readonly newId: () => string
  readonly projections: ReadonlyArray<Projection>
  /** Off only in benchmarks that measure the store without tamper evidence. */
  readonly hashChain: boolean
  readonly sql: AppendSql
}

type Outcome =
  | { readonly _tag: "Appended"; readonly result: AppendResult }
  | { readonly _tag: "Refused"; readonly error: StreamVersionConflict | IdempotencyKeyReused }

const checkExpected = (streamId: string, options: AppendOptions, actual: number) => {
  const expected = options.expected
  const ok =
    expected._tag === "Any" ||
    (expected._tag === "NoStream" && actual === 0) ||
    (expected._tag === "Exact" && expected.version === actual)
  return ok
    ? undefined
    : new StreamVersionConflict({ streamId, expected: describeExpectedVersion(expected), actual })
}

/** The answer recorded under an idempotency key; requests are compared by digest, never kept in clear. */
export const lookupIdempotency = async (
  db: Kysely<AnyTables>,
  claim: IdempotencyClaim,
): Promise<
  | { readonly _tag: "Appended"; readonly result: AppendResult }
  | { readonly _tag: "Refused"; readonly error: IdempotencyKeyReused }
  | undefined
> => {
  const previous = await db
    .selectFrom("idempotency_keys")
    .select(["fingerprint", "result"])
    .where("key", "=", claim.key)
    .executeTakeFirst()
  if (!previous) return undefined
  if (previous.fingerprint !== sha256(claim.fingerprint)) {
    return { _tag: "Refused", error: new IdempotencyKeyReused({ key: claim.key }) }
  }
  return { _tag: "Appended", result: { ...(JSON.parse(previous.result) as AppendResult), replayed: true } }
}

/** The body of one append; the caller holds the write lock and owns the transaction. */
export const appendLocked = async (
  db: Kysely<AnyTables>,
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  options: AppendOptions,
  context: AppendContext,
): Promise<Outcome> => {
  const claim = options.idempotency
  if (claim) {
    const previous = await lookupIdempotency(db, claim)
    if (previous) return previous
  }

  const { rows: found } = await db.executeQuery(context.sql.readHead(streamId))
  const head = found[0]
  if (!head) throw new Error("the log has no head row; is the database migrated?")
  const current = head.version ?? 0
  const conflict = checkExpected(streamId, options, current)
  if (conflict) return { _tag: "Refused", error: conflict }

  const metadata = JSON.stringify(options.metadata)
  const rows: Array<EventsTable> = []
  let prevHash = head.hash
  for (const [index, event] of events.entries()) {
    const data = JSON.stringify(event.data)
    const fields = {
      position: head.position + index + 1,
      streamId,
      streamVersion: current + index + 1,
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

  const last = rows.at(-1)
  if (last) {
    for (const query of context.sql.write(rows, context.now, prevHash)) await db.executeQuery(query)
    await applyProjections(db, rows, options, context.projections)
  }

  const position = last?.position ?? head.position
  for (const message of options.outbox ?? []) {
    await db
      .insertInto("outbox")
      .values({
        id: context.newId(),
        position,
        channel: message.channel,
        payload: JSON.stringify(message.payload),
        status: "pending",
        attempts: 0,
        next_attempt_at: context.now,
        lease_until: null,
        created_at: context.now,
        delivered_at: null,
        last_error: null,
      })
      .execute()
  }

  const result: AppendResult = {
    streamId,
    nextVersion: last?.stream_version ?? current,
    positions: rows.map((r) => r.position),
    replayed: false,
  }
  if (claim) {
    await db
      .insertInto("idempotency_keys")
      .values({
        key: claim.key,
        fingerprint: sha256(claim.fingerprint),
        stream_id: streamId,
        result: JSON.stringify(result),
        created_at: context.now,
      })
      .execute()
  }
  return { _tag: "Appended", result }
}

const applyProjections = async (
  db: Kysely<AnyTables>,
  rows: ReadonlyArray<EventsTable>,
  options: AppendOptions,
  projections: ReadonlyArray<Projection>,
) => {
  if (projections.length === 0) return
  for (const row of rows) {
    const event = toEvent(row, options.metadata)
    for (const projection of projections) {
      if (handles(projection, event.type)) await projection.apply(db, event)
    }
  }
  const last = rows.at(-1)!
  await db
    .updateTable("projection_checkpoints")
    .set({ position: last.position, updated_at: last.recorded_at })
    .where(
      "name",
      "in",
      projections.map((p) => p.name),
    )
    .execute()
}
