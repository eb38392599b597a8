import type { Effect } from "effect"
import { CompiledQuery } from "kysely"
import type { Database } from "./database.js"
import { sqlEffectMaybeSync } from "./sql-effect.js"

type Rows = ReadonlyArray<Record<string, unknown>>

/**
 * A read on the request path (sessions, an account, its licences): on SQLite it runs on the raw
 * handle at once, unless a transaction is open on the connection (it could see uncommitted rows);
 * elsewhere through Kysely. The SQL is Kysely's own, compiled once by the caller.
 */
export const quickSelect = (
  operation: string,
  database: Database,
  compiled: { readonly sql: string },
  parameters: ReadonlyArray<unknown>,
): Effect.Effect<Rows> =>
  sqlEffectMaybeSync(operation, (): Rows | Promise<Rows> => {
    const sqlite = database.sqlite
    if (sqlite && !sqlite.inTransaction()) return sqlite.prepare(compiled.sql).all(parameters) as Rows
    return database.db
      .executeQuery(CompiledQuery.raw(compiled.sql, [...parameters]))
      .then(({ rows }) => rows as Rows)
  })

/**
 * The same, rows as arrays in the select's column order: better-sqlite3 builds an array far faster
 * than an object with named fields (the licence list reads 20 rows of 14 columns per request).
 */
export const quickSelectTuples = (
  operation: string,
  database: Database,
  compiled: { readonly sql: string },
  parameters: ReadonlyArray<unknown>,
): Effect.Effect<ReadonlyArray<ReadonlyArray<unknown>>> =>
  sqlEffectMaybeSync(
    operation,
    (): ReadonlyArray<ReadonlyArray<unknown>> | Promise<ReadonlyArray<ReadonlyArray<unknown>>> => {
      const sqlite = database.sqlite
      if (sqlite && !sqlite.inTransaction()) {
        // The statement is shared through the cache: array mode is off again before anyone else runs it.
        const statement = sqlite.prepare(compiled.sql).raw(true)
        try {
          return statement.all(parameters) as Array<Array<unknown>>
        } finally {
          statement.raw(false)
        }
      }
      return database.db
        .executeQuery(CompiledQuery.raw(compiled.sql, [...parameters]))
        .then(({ rows }) => rows.map((row) => Object.values(row as Record<string, unknown>)))
    },
  )
