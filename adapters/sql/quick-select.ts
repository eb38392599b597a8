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
