import type { AuditLogApi } from "../../application/audit/audit-log.js"
import type { EventStoreApi } from "../../application/event-log/event-store.js"
import { replayAndCompare } from "./audit/replay.js"
import { verifyChain } from "./audit/verify-chain.js"
import { type Database, type OpenOptions, openDatabase, parseDatabaseUrl } from "./database.js"
import { makeSqlEventStore } from "./event-log/sql-event-store.js"
import { assertMigrated, migrateToLatest } from "./migrations/index.js"
import type { Projection } from "./projections/projection.js"
import { prepareProjections } from "./projections/projection-runner.js"
import { allProjections } from "./projections/registry.js"
import { sqlEffect } from "./sql-effect.js"

export { allProjections }

export interface SqlEventLog {
  readonly database: Database
  readonly store: EventStoreApi
  readonly audit: AuditLogApi
  readonly projections: ReadonlyArray<Projection>
  readonly close: () => Promise<void>
}

export interface SqlEventLogOptions extends OpenOptions {
  readonly projections?: ReadonlyArray<Projection>
  /**
   * Apply pending migrations and bring projections up to date (default). Off, for commands that only
   * read: refuse a database that is not at this build's schema, and write nothing.
   */
  readonly migrate?: boolean
  readonly hashChain?: boolean
}

/** Opens the database, migrates it, brings the projections up to date, and returns the ports over it. */
export const openSqlEventLog = async (
  url: string,
  options: SqlEventLogOptions = {},
): Promise<SqlEventLog> => {
  const database = await openDatabase(parseDatabaseUrl(url), {
    mustExist: options.migrate === false,
    ...options,
  })
  try {
    const projections = options.projections ?? allProjections
    if (options.migrate === false) {
      await assertMigrated(database.db, database.target)
    } else {
      await migrateToLatest(database.db, database.target)
      await prepareProjections(database, projections)
    }
    return {
      database,
      store: makeSqlEventStore(database, { projections, hashChain: options.hashChain ?? true }),
      audit: {
        verify: (progress) => sqlEffect("audit verify", () => verifyChain(database, progress)),
        replay: (progress) =>
          sqlEffect("audit replay", () => replayAndCompare(database, projections, progress)),
      },
      projections,
      close: database.close,
    }
  } catch (error) {
    await database.close()
    throw error
  }
}
