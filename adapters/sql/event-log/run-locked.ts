import type pg from "pg"
import type { AppendOptions } from "../../../application/event-log/event-store.js"
import type { Database, ExclusiveConnection, SqliteHandle } from "../database.js"
import type { Projection } from "../projections/projection.js"
import { type AppendStep, runAsync, runSync, type SyncSql } from "./append.js"
import { kyselyOn, pgSql } from "./pg-hot-path.js"
import type { SqlStatement } from "./rows.js"
import { postgresBeginLocked, withWriteLock } from "./write-lock.js"

type Rows = ReadonlyArray<Record<string, unknown>>
const noRows: Rows = []

/** SQL on SQLite's own handle, on the spot, through the statement cache Kysely uses too. */
const sqliteSql =
  (sqlite: SqliteHandle): SyncSql =>
  (query: SqlStatement) => {
    const statement = sqlite.prepare(query.sql)
    if (statement.reader) return statement.all(query.parameters) as Rows
    statement.run(query.parameters)
    return noRows
  }

const inSqliteTransaction = <A>(sqlite: SqliteHandle, work: () => A): A => {
  sqlite.prepare("begin immediate").run()
  try {
    const result = work()
    sqlite.prepare("commit").run()
    return result
  } catch (error) {
    if (sqlite.inTransaction()) sqlite.prepare("rollback").run()
    throw error
  }
}

/**
 * Runs a program under the log's write lock. On SQLite with nothing but SQL to do, and no
 * transaction open on the connection (Kysely's included), the whole transaction runs synchronously:
 * nothing can interleave with it, so it needs no queue, and no promise is awaited between its
 * statements. Otherwise it queues for the connection like any Kysely transaction; on SQLite its SQL
 * still runs on the raw handle and only projections go through Kysely.
 */
export const runLocked = <A>(
  database: Database,
  program: () => Generator<AppendStep, A, Rows>,
  options: { readonly projections: ReadonlyArray<Projection>; readonly metadata?: AppendOptions["metadata"] },
): A | Promise<A> => {
  const { sqlite, pgWriter, target } = database
  if (pgWriter && target.dialect === "postgres") return runOnPg(pgWriter, target.schema, program, options)
  if (!sqlite) return withWriteLock(database, (conn) => runAsync(program(), conn, options))
  const syncSql = sqliteSql(sqlite)
  if (options.projections.length === 0 && !sqlite.inTransaction()) {
    return inSqliteTransaction(sqlite, () => runSync(program(), syncSql))
  }
  return withWriteLock(database, (conn) => runAsync(program(), conn, { ...options, sql: syncSql }))
}

/**
 * PostgreSQL: BEGIN, the advisory lock and the program's first statement (the read of the head) in
 * one round trip, then the rest of its SQL as named statements on the same pooled connection;
 * projections write through a Kysely bound to it. An append is then three round trips, as many as
 * the bare driver's BEGIN, INSERT, COMMIT.
 */
const runOnPg = <A>(
  writer: ExclusiveConnection,
  schema: string,
  program: () => Generator<AppendStep, A, Rows>,
  options: { readonly projections: ReadonlyArray<Projection>; readonly metadata?: AppendOptions["metadata"] },
): Promise<A> =>
  writer.run(async (client, discard) => {
    const steps = program()
    const first = steps.next()
    const firstSql = !first.done && first.value._tag === "Sql" ? first.value.query : undefined
    const begin = postgresBeginLocked(schema)
    try {
      const opening = firstSql ? `${begin}; ${await executeStatement(client, firstSql)}` : begin
      const opened = await client.query(opening)
      const started = firstSql ? steps.next(lastRows(opened)) : first
      const result = await runAsync(steps, kyselyOn(client), { ...options, sql: pgSql(client) }, started)
      await client.query("commit")
      return result
    } catch (error) {
      // A connection whose rollback failed is in an unknown state: it is closed, the next append reconnects.
      await client.query("rollback").catch((rollbackError: unknown) => {
        discard(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)))
      })
      throw error
    }
  })

const lastRows = (results: unknown): Rows => {
  const all = (Array.isArray(results) ? results : [results]) as Array<pg.QueryResult>
  return (all.at(-1)?.rows ?? []) as Rows
}

// The simple protocol (several statements in one message) takes no parameters, and would parse and
// plan the query every time; a statement prepared in SQL once per connection and EXECUTEd with
// literal arguments needs neither. Names apart from the protocol-level ones in pg-hot-path.ts.
const sqlPrepared = new Map<string, string>()
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>()

const executeStatement = async (client: pg.PoolClient, query: SqlStatement): Promise<string> => {
  let name = sqlPrepared.get(query.sql)
  if (name === undefined) {
    name = `portcullis_sql_${sqlPrepared.size + 1}`
    sqlPrepared.set(query.sql, name)
  }
  let names = preparedOn.get(client)
  if (!names) {
    names = new Set()
    preparedOn.set(client, names)
  }
  if (!names.has(name)) {
    await client.query(`prepare ${name} as ${query.sql}`)
    names.add(name)
  }
  const literals = query.parameters.map((value, index) => {
    if (value === null) return "null"
    if (typeof value === "number" && Number.isFinite(value)) return String(value)
    if (typeof value === "string") return client.escapeLiteral(value)
    throw new Error(`cannot write parameter $${index + 1} as a literal`)
  })
  return `execute ${name}(${literals.join(", ")})`
}
