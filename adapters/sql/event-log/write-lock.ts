import { CompiledQuery, type Kysely } from "kysely"
import type { Database } from "../database.js"
import type { AnyTables } from "../schema.js"
import type { SqlStatement } from "./append-sql.js"

const beginImmediate = CompiledQuery.raw("begin immediate")
const commit = CompiledQuery.raw("commit")
const rollback = CompiledQuery.raw("rollback")

type Begin = (conn: Kysely<AnyTables>) => Promise<unknown>

const beginSqlite: Begin = (conn) => conn.executeQuery(beginImmediate)

const lockKey = (schema: string) => `portcullis.event-log.${schema}`

// BEGIN and the lock in one round trip: without parameters pg uses the simple protocol, which takes
// several statements; each gets its own snapshot, so reads after the lock see the last holder's commit.
// With no parameters the key is a literal, quoted here (the schema name was checked on parsing too).
export const postgresBeginLocked = (schema: string) =>
  `begin; select pg_advisory_xact_lock(hashtext('${lockKey(schema).replaceAll("'", "''")}'))`

/**
 * The lock as a statement with a parameter, for a connection that sends it after BEGIN without
 * waiting (pipeline mode): named, it is parsed and planned once per connection instead of on
 * every append, as the simple protocol would.
 */
export const postgresLock = (schema: string): SqlStatement => ({
  sql: "select pg_advisory_xact_lock(hashtext($1))",
  parameters: [lockKey(schema)],
})

const beginPostgres = (schema: string): Begin => {
  const begin = CompiledQuery.raw(postgresBeginLocked(schema))
  return async (conn) => {
    try {
      await conn.executeQuery(begin)
    } catch (error) {
      await conn.executeQuery(rollback).catch(() => undefined)
      throw error
    }
  }
}

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
  const begin = target.dialect === "sqlite" ? beginSqlite : beginPostgres(target.schema)
  return database.db.connection().execute(async (conn) => {
    await begin(conn)
    try {
      const result = await work(conn)
      await conn.executeQuery(commit)
      return result
    } catch (error) {
      await conn.executeQuery(rollback).catch(() => undefined)
      throw error
    }
  })
}
