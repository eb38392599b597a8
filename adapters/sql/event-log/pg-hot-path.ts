import { Kysely, PostgresDialect } from "kysely"
import type pg from "pg"
import type { AnyTables } from "../schema.js"
import type { SqlStatement } from "./append-sql.js"

type Rows = ReadonlyArray<Record<string, unknown>>

// pg sends unnamed statements, which PostgreSQL parses and plans on every call (about 100 µs here).
// The event log's own texts and the hot reads of quick-select.ts go out named: each connection
// parses and plans them once, then only binds. Their number is bounded (fixed texts, inserts by
// row count up to 100), and a connection keeps its named statements until it closes.
const names = new Map<string, string>()

export const named = (query: SqlStatement): pg.QueryConfig => {
  let name = names.get(query.sql)
  if (name === undefined) {
    name = `portcullis_log_${names.size + 1}`
    names.set(query.sql, name)
  }
  return { name, text: query.sql, values: query.parameters as Array<unknown> }
}

/** Runs one of the event log's statements as a named statement. */
export const pgSql =
  (client: pg.ClientBase | pg.Pool) =>
  async (query: SqlStatement): Promise<Rows> =>
    (await client.query(named(query))).rows as Rows

/** A select as a named statement, rows as arrays. */
export const pgTuples =
  (client: pg.ClientBase | pg.Pool) =>
  async (query: SqlStatement): Promise<ReadonlyArray<ReadonlyArray<unknown>>> =>
    (await client.query({ ...named(query), rowMode: "array" })).rows as Array<Array<unknown>>

// Projections write through Kysely; inside an append they must use the append's own connection.
// A Kysely per pooled connection, whose "pool" hands out that connection and never releases it.
const kyselies = new WeakMap<pg.PoolClient, Kysely<AnyTables>>()

export const kyselyOn = (client: pg.PoolClient): Kysely<AnyTables> => {
  let db = kyselies.get(client)
  if (!db) {
    const borrowed = { query: client.query.bind(client), release: () => undefined }
    const pool = { connect: async () => borrowed, end: async () => undefined }
    db = new Kysely<AnyTables>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) })
    kyselies.set(client, db)
  }
  return db
}
