import { Chunk, Effect, Layer, Option, Stream } from "effect"
import { CompiledQuery } from "kysely"
import {
  type AppendOptions,
  type AppendResult,
  type EraseOptions,
  EventStore,
  type EventStoreApi,
  erasureEventType,
  erasureStreamId,
  type StreamWrite,
} from "../../../application/event-log/event-store.js"
import {
  ExpectedVersion,
  type IdempotencyKeyReused,
  type NewEvent,
  type RecordedEvent,
  type StreamVersionConflict,
} from "../../../domain/kernel/index.js"
import { newUuidV7 as uuidV7 } from "../../crypto/uuid-v7.js"
import type { Database } from "../database.js"
import type { Projection } from "../projections/projection.js"
import { quickSelectTuples } from "../quick-select.js"
import type { EventsTable } from "../schema.js"
import { isoNow, sqlEffect, sqlEffectMaybeSync } from "../sql-effect.js"
import { appendProgram, lookupIdempotency, type WriteOptions } from "./append.js"
import { appendLocked, runAsync } from "./append-interpreters.js"
import { makeAppendSql, streamVersionSql } from "./append-sql.js"
import { toRecordedEvent } from "./event-row.js"
import { type EventTuple, makeReadSql, rowOfTuple } from "./read-sql.js"
import { runLocked } from "./run-locked.js"
import { withWriteLock } from "./write-lock.js"

export interface SqlEventStoreOptions {
  readonly projections?: ReadonlyArray<Projection>
  /** Tamper evidence; only a benchmark turns it off. */
  readonly hashChain?: boolean
}

export const makeSqlEventStore = (database: Database, options: SqlEventStoreOptions = {}): EventStoreApi => {
  const { db } = database
  const projections = options.projections ?? []
  const hashChain = options.hashChain ?? true
  const appendSql = makeAppendSql(database.target.dialect)
  const readSql = makeReadSql(database.target.dialect)
  const newId = () => uuidV7()
  const context = (now: string) => ({ now, newId, projections, hashChain, sql: appendSql })

  // Combinators rather than a generator, and no span of its own: this runs on every append (a span
  // cost a quarter of single-append throughput; the command runner's span covers each append).
  const appendWrites = (writes: ReadonlyArray<StreamWrite>, options: WriteOptions) =>
    Effect.flatMap(isoNow, (now) =>
      Effect.flatMap(
        sqlEffectMaybeSync("append", () =>
          runLocked(database, () => appendProgram(writes, options, context(now)), {
            projections,
            metadata: options.metadata,
          }),
        ),
        (outcome) =>
          outcome._tag === "Appended" ? Effect.succeed(outcome.results) : Effect.fail(outcome.error),
      ),
    )

  const appendOne = (
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    appendOptions: WriteOptions & AppendOptions,
  ) =>
    Effect.map(
      appendWrites([{ streamId, events, expected: appendOptions.expected }], appendOptions),
      (results) => results[0]!,
    )
  const append = appendOne as EventStoreApi["append"]
  const appendFollowUp = appendOne as EventStoreApi["appendFollowUp"]

  const appendMany: EventStoreApi["appendMany"] = (writes, options) =>
    appendWrites(writes, options) as Effect.Effect<
      ReadonlyArray<AppendResult>,
      StreamVersionConflict | IdempotencyKeyReused
    >

  const toEvents = (tuples: ReadonlyArray<EventTuple>) => tuples.map((t) => toRecordedEvent(rowOfTuple(t)))
  const select = (operation: string, query: CompiledQuery<EventsTable>) =>
    Effect.map(quickSelectTuples(operation, database, query, query.parameters), toEvents)

  const readStream: EventStoreApi["readStream"] = (streamId, readOptions) =>
    select("readStream", readSql.stream(streamId, readOptions?.fromVersion ?? 1))

  // SQLite takes at most 32,766 parameters in a statement; a page of a batch job is far below it.
  const streamsPerRead = 500
  const readStreams: EventStoreApi["readStreams"] = (streamIds) =>
    Effect.gen(function* () {
      const byStream = new Map<string, Array<RecordedEvent>>(streamIds.map((id) => [id, []]))
      for (let from = 0; from < streamIds.length; from += streamsPerRead) {
        const ids = streamIds.slice(from, from + streamsPerRead)
        for (const event of yield* select("readStreams", readSql.streams(ids)))
          byStream.get(event.streamId)?.push(event)
      }
      return byStream as ReadonlyMap<string, ReadonlyArray<RecordedEvent>>
    })

  const readAll: EventStoreApi["readAll"] = (readOptions) => {
    const batchSize = readOptions?.batchSize ?? 1000
    return Stream.paginateChunkEffect(readOptions?.after ?? 0, (after) =>
      select("readAll", readSql.after(after, batchSize)).pipe(
        Effect.map((rows) => {
          const events = rows
          const last = events.at(-1)
          const next = last && events.length === batchSize ? Option.some(last.position) : Option.none()
          return [Chunk.unsafeFromArray(events), next] as const
        }),
      ),
    )
  }

  const streamVersion: EventStoreApi["streamVersion"] = (streamId) =>
    sqlEffect("streamVersion", () =>
      db.executeQuery(CompiledQuery.raw(streamVersionSql(database.target.dialect), [streamId])),
    ).pipe(Effect.map(({ rows }) => Number((rows[0] as { version: number } | undefined)?.version ?? 0)))

  const head: EventStoreApi["head"] = sqlEffect("head", () =>
    db.selectFrom("log_head").select(["position", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow(),
  )

  // The data goes, the digest stays (so the chain still verifies), and the erasure is itself recorded.
  const erase = (streamId: string, eraseOptions: EraseOptions) =>
    Effect.gen(function* () {
      const now = yield* isoNow
      return yield* sqlEffect("erase", () =>
        withWriteLock(database, async (trx) => {
          let query = trx
            .selectFrom("events")
            .select(["position", "stream_version"])
            .where("stream_id", "=", streamId)
            .where("erased", "=", 0)
          const versions = eraseOptions.versions
          if (versions) query = query.where("stream_version", "in", versions.length > 0 ? versions : [-1])
          const targets = await query.orderBy("position").execute()
          const positions = targets.map((t) => t.position)
          if (positions.length > 0) {
            await trx
              .updateTable("events")
              .set({ data: null, erased: 1 })
              .where("position", "in", positions)
              .execute()
          }
          const record = {
            type: erasureEventType,
            schemaVersion: 1,
            data: {
              streamId,
              positions,
              versions: targets.map((t) => t.stream_version),
              reason: eraseOptions.reason,
            },
          }
          const outcome = await appendLocked(
            trx,
            erasureStreamId,
            [record],
            { expected: ExpectedVersion.any, metadata: eraseOptions.metadata },
            context(now),
          )
          if (outcome._tag === "Refused") throw outcome.error
          return { erasedPositions: positions, recordPosition: outcome.results[0]?.positions[0] ?? 0 }
        }),
      )
    })

  // PostgreSQL keeps an updated row's old version until VACUUM, and its WAL until recycled: both
  // the server's, not a request's, to settle (docs/operator-guide.md).
  const settleErasures: EventStoreApi["settleErasures"] = Effect.gen(function* () {
    const sqlite = database.sqlite
    if (sqlite === undefined) return
    const truncated = yield* sqlEffect("settleErasures", async () => sqlite.truncateWal())
    if (!truncated) yield* Effect.logWarning("erased data stays in the SQLite WAL until its next checkpoint")
  })

  const idempotentResult: EventStoreApi["idempotentResult"] = (claim) =>
    sqlEffect("idempotentResult", () =>
      runAsync(lookupIdempotency(appendSql, claim), db, { projections: [] }),
    ).pipe(
      Effect.flatMap((outcome) =>
        outcome === undefined
          ? Effect.succeedNone
          : outcome._tag === "Appended"
            ? Effect.succeedSome(outcome.result)
            : Effect.fail(outcome.error),
      ),
    )

  return {
    append,
    appendFollowUp,
    appendMany,
    readStream,
    readStreams,
    readAll,
    streamVersion,
    head,
    idempotentResult,
    erase,
    settleErasures,
  }
}

export const SqlEventStoreLive = (database: Database, options?: SqlEventStoreOptions) =>
  Layer.succeed(EventStore, makeSqlEventStore(database, options))
