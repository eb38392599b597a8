import { type Kysely, sql } from "kysely"
import type { Database } from "../database.js"
import type { AnyTables } from "../schema.js"

/**
 * Runs `work` in a transaction that holds the log's single write lock, so positions are handed out
 * gap-free, the hash chain stays one chain, and no reader sees a later position commit first.
 * SQLite: BEGIN IMMEDIATE takes the database's one writer slot up front (no deadlocking upgrade).
 * PostgreSQL: a transaction-scoped advisory lock, released by commit or rollback.
 */
export const withWriteLock = <A>(
  database: Database,
  work: (db: Kysely<AnyTables>) => Promise<A>,
): Promise<A> => {
  const target = database.target
  if (target.dialect === "sqlite") {
    return database.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn)
      try {
        const result = await work(conn)
        await sql`commit`.execute(conn)
        return result
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined)
        throw error
      }
    })
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`portcullis.event-log.${target.schema}`}))`.execute(trx)
    return work(trx)
  })
}
