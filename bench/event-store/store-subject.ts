import { Effect, Stream } from "effect"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { ExpectedVersion, type NewEvent } from "../../domain/kernel/index.js"
import { type FreshDatabase, storeUrl } from "../databases.js"
import { openPostgresStoreSql } from "./store-sql-postgres.js"
import { openSqliteStoreSql } from "./store-sql-sqlite.js"
import { eventData, eventType, metadata, replayBatchSize, type Subject } from "./subject.js"

const newEvents = (streamId: string, version: number, count: number): Array<NewEvent> =>
  Array.from({ length: count }, (_, i) => ({
    type: eventType,
    schemaVersion: 1,
    data: eventData(streamId, version + i + 1),
  }))

/** The store as the command runner uses it: exact expected version, one Effect per call. */
export const openStoreSubject = async (database: FreshDatabase, hashChain: boolean): Promise<Subject> => {
  const { store, close } = await openSqlEventLog(storeUrl(database), { projections: [], hashChain })
  return {
    append: async (streamId, version, count) => {
      await Effect.runPromise(
        store.append(streamId, newEvents(streamId, version, count), {
          expected: ExpectedVersion.after(version),
          metadata,
        }),
      )
    },
    readStream: async (streamId) => (await Effect.runPromise(store.readStream(streamId))).length,
    replay: () => Effect.runPromise(Stream.runCount(store.readAll({ batchSize: replayBatchSize }))),
    close,
  }
}

/** The store's SQL without the store: migrate with the real code, then hand the tables to the driver. */
export const openStoreSqlSubject = async (database: FreshDatabase): Promise<Subject> => {
  await (await openSqlEventLog(storeUrl(database), { projections: [] })).close()
  return database.dialect === "sqlite"
    ? openSqliteStoreSql(database.file)
    : openPostgresStoreSql(database.url, database.schema)
}
