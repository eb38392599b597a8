import type { Effect } from "effect"
import { CompiledQuery } from "kysely"
import type { Database } from "./database.js"
import { pgSql, pgTuples } from "./event-log/pg-hot-path.js"
import { sqlEffectMaybeSync } from "./sql-effect.js"

type Rows = ReadonlyArray<Record<string, unknown>>
type Tuples = ReadonlyArray<ReadonlyArray<unknown>>

/**
 * The one way reads on hot paths (event streams, the log, a session, an account, its licences)
 * reach the database, beside Kysely: on SQLite at once on the raw handle, unless a transaction is
 * open on the connection (it could see uncommitted rows); on PostgreSQL as named statements; in a
 * SQLite transaction through Kysely, which queues behind it. The SQL is fixed text, compiled once.
 */
const select = <A>(
  operation: string,
  database: Database,
  sql: string,
  parameters: ReadonlyArray<unknown>,
  run: {
    readonly sqlite: (statement: ReturnType<NonNullable<Database["sqlite"]>["prepare"]>) => A
    readonly pg: (pool: NonNullable<Database["pgPool"]>) => Promise<A>
    readonly kysely: (rows: Rows) => A
  },
): Effect.Effect<A> =>
  sqlEffectMaybeSync(operation, (): A | Promise<A> => {
    const { sqlite, pgPool } = database
    if (sqlite && !sqlite.inTransaction()) return run.sqlite(sqlite.prepare(sql))
    if (pgPool) return run.pg(pgPool)
    return database.db
      .executeQuery(CompiledQuery.raw(sql, [...parameters]))
      .then(({ rows }) => run.kysely(rows as Rows))
  })

/** Rows as objects. */
export const quickSelect = (
  operation: string,
  database: Database,
  compiled: { readonly sql: string },
  parameters: ReadonlyArray<unknown>,
): Effect.Effect<Rows> =>
  select(operation, database, compiled.sql, parameters, {
    sqlite: (statement) => statement.all(parameters) as Rows,
    pg: (pool) => pgSql(pool)({ sql: compiled.sql, parameters }),
    kysely: (rows) => rows,
  })

/**
 * Rows as arrays in the select's column order: both drivers build an array far faster than an
 * object with named fields (better-sqlite3 half again as many rows per second).
 */
export const quickSelectTuples = (
  operation: string,
  database: Database,
  compiled: { readonly sql: string },
  parameters: ReadonlyArray<unknown>,
): Effect.Effect<Tuples> =>
  select(operation, database, compiled.sql, parameters, {
    sqlite: (statement) => {
      // The statement is shared through the cache: array mode is off again before anyone else runs it.
      statement.raw(true)
      try {
        return statement.all(parameters) as Tuples
      } finally {
        statement.raw(false)
      }
    },
    pg: (pool) => pgTuples(pool)({ sql: compiled.sql, parameters }),
    kysely: (rows) => rows.map((row) => Object.values(row)),
  })
