import { Chunk, Effect, Layer, Option, Stream } from "effect"
import { v7 as uuidV7 } from "uuid"
import {
  type AppendOptions,
  type EraseOptions,
  EventStore,
  type EventStoreApi,
  erasureEventType,
  erasureStreamId,
} from "../../../application/event-log/event-store.js"
import { ExpectedVersion, type NewEvent } from "../../../domain/kernel/index.js"
import type { Database } from "../database.js"
import type { Projection } from "../projections/projection.js"
import { isoNow, sqlEffect } from "../sql-effect.js"
import { appendLocked, lookupIdempotency } from "./append.js"
import { makeAppendSql, makeReadSql, toRecordedEvent } from "./rows.js"
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

  const append = (streamId: string, events: ReadonlyArray<NewEvent>, appendOptions: AppendOptions) =>
    Effect.gen(function* () {
      const now = yield* isoNow
      const outcome = yield* sqlEffect("append", () =>
        withWriteLock(database, (trx) => appendLocked(trx, streamId, events, appendOptions, context(now))),
      )
      // No span of its own: it cost a quarter of single-append throughput, and the command runner's
      // span already covers each append.
      return outcome._tag === "Appended" ? outcome.result : yield* Effect.fail(outcome.error)
    })

  const readStream: EventStoreApi["readStream"] = (streamId, readOptions) =>
    sqlEffect("readStream", () =>
      db.executeQuery(readSql.stream(streamId, readOptions?.fromVersion ?? 1)),
    ).pipe(Effect.map(({ rows }) => rows.map(toRecordedEvent)))

  const readAll: EventStoreApi["readAll"] = (readOptions) => {
    const batchSize = readOptions?.batchSize ?? 1000
    return Stream.paginateChunkEffect(readOptions?.after ?? 0, (after) =>
      sqlEffect("readAll", () => db.executeQuery(readSql.after(after, batchSize))).pipe(
        Effect.map(({ rows }) => {
          const events = rows.map(toRecordedEvent)
          const last = events.at(-1)
          const next = last && events.length === batchSize ? Option.some(last.position) : Option.none()
          return [Chunk.unsafeFromArray(events), next] as const
        }),
      ),
    )
  }

  const streamVersion: EventStoreApi["streamVersion"] = (streamId) =>
    sqlEffect("streamVersion", () =>
      db.selectFrom("streams").select("version").where("stream_id", "=", streamId).executeTakeFirst(),
    ).pipe(Effect.map((row) => row?.version ?? 0))

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
          return { erasedPositions: positions, recordPosition: outcome.result.positions[0] ?? 0 }
        }),
      )
    })

  const idempotentResult: EventStoreApi["idempotentResult"] = (claim) =>
    sqlEffect("idempotentResult", () => lookupIdempotency(db, claim)).pipe(
      Effect.flatMap((outcome) =>
        outcome === undefined
          ? Effect.succeedNone
          : outcome._tag === "Appended"
            ? Effect.succeedSome(outcome.result)
            : Effect.fail(outcome.error),
      ),
    )

  return { append, readStream, readAll, streamVersion, head, idempotentResult, erase }
}

export const SqlEventStoreLive = (database: Database, options?: SqlEventStoreOptions) =>
  Layer.succeed(EventStore, makeSqlEventStore(database, options))
