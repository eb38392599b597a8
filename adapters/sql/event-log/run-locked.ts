import type pg from "pg"
import type { AppendOptions } from "../../../application/event-log/event-store.js"
import type { Database, ExclusiveConnection, SqliteHandle } from "../database.js"
import type { Projection } from "../projections/projection.js"
import type { AppendStep } from "./append.js"
import { applyProjections, runAsync, runSync, type SyncSql } from "./append-interpreters.js"
import type { SqlStatement } from "./append-sql.js"
import { kyselyOn, named, pgSql } from "./pg-hot-path.js"
import { postgresLock, withWriteLock } from "./write-lock.js"

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
 * PostgreSQL, on the appends' own connection in pipeline mode (queries go out without waiting for the
 * answers before them): BEGIN with the advisory lock, and the program's first statement (the read of
 * the head), in one round trip; its writes go out as they come, and only a read (or a projection)
 * waits for what was sent before it; the COMMIT follows the last write in the same round trip.
 * A plain append is then two round trips under the lock, where the bare driver's BEGIN, INSERT,
 * COMMIT take three: the lock is held for less time, so more appends go through it per second.
 */
const runOnPg = <A>(
  writer: ExclusiveConnection,
  schema: string,
  program: () => Generator<AppendStep, A, Rows>,
  options: { readonly projections: ReadonlyArray<Projection>; readonly metadata?: AppendOptions["metadata"] },
): Promise<A> =>
  writer.run(async (client, discard) => {
    const sent = inOrder(client)
    const read = pgSql(client)
    try {
      sent.hold()
      sent.add(client.query("begin"))
      sent.add(client.query(named(postgresLock(schema))))
      const steps = program()
      let step = steps.next()
      while (!step.done) {
        const request = step.value
        if (request._tag === "Sql" && request.query.write) {
          sent.add(client.query(named(request.query)))
          step = steps.next(noRows)
        } else if (request._tag === "Sql") {
          const rows = sent.add(read(request.query))
          await sent.settle()
          sent.hold()
          step = steps.next(await rows)
        } else {
          await sent.settle()
          await applyProjections(kyselyOn(client), request, options)
          sent.hold()
          step = steps.next(noRows)
        }
      }
      sent.add(client.query("commit"))
      await sent.settle()
      return step.value
    } catch (error) {
      sent.release()
      // Whatever was sent is answered before the rollback (a COMMIT after a failed statement rolls
      // back). A connection whose rollback failed is in an unknown state: it is closed, the next
      // append reconnects.
      await client.query("rollback").catch((rollbackError: unknown) => {
        discard(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)))
      })
      throw error
    }
  })

/**
 * Queries sent without waiting, held in the socket until something must be waited for, so they
 * leave in one write (a system call per query cost more than the rest of the append); settling
 * sends them, waits for all, and throws the first failure in the order sent.
 */
const inOrder = (client: pg.PoolClient) => {
  const socket = client.connection.stream
  const sent: Array<Promise<unknown>> = []
  let held = false
  const release = () => {
    if (held) socket.uncork()
    held = false
  }
  return {
    add: <T>(query: Promise<T>): Promise<T> => {
      // Handled when settled; until then a failure must not count as unhandled.
      query.catch(() => undefined)
      sent.push(query)
      return query
    },
    /** Holds what is sent from now on (pg sends a query as it is made, so this comes first). */
    hold: () => {
      if (!held) socket.cork()
      held = true
    },
    release,
    settle: async () => {
      release()
      for (const query of sent) await query
      sent.length = 0
    },
  }
}
