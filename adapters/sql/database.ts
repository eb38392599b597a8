import { existsSync } from "node:fs"
import { dirname } from "node:path"
import SQLite from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { makeDirectory } from "../fs/make-directory.js"
import type { AnyTables } from "./schema.js"

export type DatabaseTarget =
  | { readonly dialect: "sqlite"; readonly file: string }
  | { readonly dialect: "postgres"; readonly url: string; readonly schema: string }

/** The embedded database's own handle, for the event log's hot path (see event-log/sql-runner.ts). */
export interface SqliteHandle {
  /** A prepared statement, from the same cache Kysely's queries use. */
  readonly prepare: (source: string) => SQLite.Statement
  /** True while any transaction is open on the one connection, Kysely's included. */
  readonly inTransaction: () => boolean
  /**
   * Copies the WAL into the database file and truncates it; false (and nothing thrown) when a
   * transaction or another connection kept it from finishing: the next one, or closing, does it.
   */
  readonly truncateWal: () => boolean
}

export interface Database {
  readonly db: Kysely<AnyTables>
  readonly target: DatabaseTarget
  /** SQLite only: the raw connection under `db`. */
  readonly sqlite?: SqliteHandle
  /** PostgreSQL only: the pool under `db`, for the event log's hot path. */
  readonly pgPool?: pg.Pool
  /** PostgreSQL only: the one connection appends run on, one at a time (see `exclusiveConnection`). */
  readonly pgWriter?: ExclusiveConnection
  readonly close: () => Promise<void>
}

export class InvalidDatabaseUrl extends Error {
  override readonly name = "InvalidDatabaseUrl"
}

/**
 * `sqlite:<file>` (relative or absolute), `sqlite::memory:`, or `postgres://…`. A PostgreSQL URL may
 * carry `?schema=name` to keep its tables in their own schema (tests and side-by-side installs).
 */
export const parseDatabaseUrl = (url: string): DatabaseTarget => {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "")
    if (file === "")
      throw new InvalidDatabaseUrl("sqlite: URL names no file (use sqlite::memory: or sqlite:<path>)")
    return { dialect: "sqlite", file }
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new InvalidDatabaseUrl("not a valid postgres:// URL")
    }
    const schema = parsed.searchParams.get("schema") ?? "public"
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new InvalidDatabaseUrl(`invalid schema name ${schema}`)
    parsed.searchParams.delete("schema")
    return { dialect: "postgres", url: parsed.toString(), schema }
  }
  throw new InvalidDatabaseUrl("expected a sqlite: or postgres:// URL")
}

const INT8_OID = 20

/**
 * Kysely asks better-sqlite3 to prepare every statement anew (4–33 µs each, several per append).
 * The statements the store runs are few and their SQL text fixed, so preparing each text once is
 * safe: Kysely runs one statement at a time on its single SQLite connection. The cache is bounded,
 * for ad-hoc queries whose text varies (IN lists of any length).
 */
const statementCache = (sqlite: SQLite.Database, limit = 500) => {
  const cache = new Map<string, SQLite.Statement>()
  return (source: string) => {
    let statement = cache.get(source)
    if (!statement) {
      if (cache.size >= limit) cache.clear()
      statement = sqlite.prepare(source)
      cache.set(source, statement)
    }
    return statement
  }
}

const withPrepare = (
  sqlite: SQLite.Database,
  prepare: (source: string) => SQLite.Statement,
): SQLite.Database =>
  // Native methods need the real database as `this`. (Kysely's `.stream()` would hold a cached
  // statement open; the store never streams through Kysely.)
  new Proxy(sqlite, {
    get: (target, property) => {
      if (property === "prepare") return prepare
      const value = Reflect.get(target, property)
      return typeof value === "function" ? value.bind(target) : value
    },
  })

export interface ExclusiveConnection {
  /**
   * Runs `work` alone on the connection. `discard` marks it broken (a failed rollback, say): it is
   * closed and the next work gets a new one.
   */
  readonly run: <A>(
    work: (client: pg.PoolClient, discard: (error: Error) => void) => Promise<A>,
  ) => Promise<A>
  readonly close: () => Promise<void>
}

/**
 * Appends serialise under the log's write lock whatever connection they use, so a process gains
 * nothing from spreading them over the pool; one connection kept for them saves a pool check-out,
 * an idle timer and a release per append, and keeps the log's named statements prepared on it.
 */
const exclusiveConnection = (pool: pg.Pool): ExclusiveConnection => {
  let held: pg.PoolClient | undefined
  let tail: Promise<unknown> = Promise.resolve()
  const drop = (error?: Error) => {
    const client = held
    held = undefined
    client?.release(error)
  }
  const connect = async () => {
    const client = await pool.connect()
    // A connection that dies between two appends reports it here; the next append reconnects.
    client.on("error", (error) => {
      if (held === client) drop(error)
    })
    held = client
    return client
  }
  return {
    run: (work) => {
      const next = tail.then(async () => {
        const client = held ?? (await connect())
        return work(client, (error) => {
          if (held === client) drop(error)
        })
      })
      tail = next.catch(() => undefined)
      return next
    },
    close: async () => {
      await tail
      drop()
    },
  }
}

export interface OpenOptions {
  /** SQLite `synchronous`: FULL (the default) makes every commit durable, even on power loss. */
  readonly sqliteSynchronous?: "FULL" | "NORMAL"
  readonly poolSize?: number
  /** Refuse to create a missing SQLite file (commands that only read). */
  readonly mustExist?: boolean
}

export class DatabaseMissing extends Error {
  override readonly name = "DatabaseMissing"
}

export const openDatabase = async (target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> => {
  if (target.dialect === "sqlite") {
    const inMemory = target.file === ":memory:"
    if (!inMemory && !existsSync(target.file)) {
      if (options.mustExist) {
        throw new DatabaseMissing(
          `no database at ${target.file}; run \`portcullis db migrate\` or \`portcullis serve\` first`,
        )
      }
      // The data folder holds accounts and keys: its owner only.
      makeDirectory(dirname(target.file))
    }
    const sqlite = new SQLite(inMemory ? ":memory:" : target.file)
    sqlite.pragma("journal_mode = WAL")
    sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? "FULL"}`)
    sqlite.pragma("busy_timeout = 5000")
    sqlite.pragma("foreign_keys = ON")
    // Erased event data and deleted vault rows are overwritten with zeros, not left in free pages
    // (decision 40); the WAL still holds them until a checkpoint, which erasures ask for.
    sqlite.pragma("secure_delete = ON")
    const prepare = statementCache(sqlite)
    const db = new Kysely<AnyTables>({
      dialect: new SqliteDialect({ database: withPrepare(sqlite, prepare) }),
    })
    return {
      db,
      target,
      sqlite: {
        prepare,
        inTransaction: () => sqlite.inTransaction,
        truncateWal: () => {
          if (inMemory) return true
          // Housekeeping after a committed change: never on another request's open transaction (the
          // pragma would throw), never waiting out busy_timeout behind a reader (a backup, an
          // audit): give up at once, and the next sweep or the closing connection does it.
          if (sqlite.inTransaction) return false
          const patience = sqlite.pragma("busy_timeout", { simple: true })
          sqlite.pragma("busy_timeout = 0")
          try {
            const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as ReadonlyArray<{ busy: number }>
            return result?.busy === 0
          } catch {
            return false
          } finally {
            sqlite.pragma(`busy_timeout = ${Number(patience)}`)
          }
        },
      },
      close: () => db.destroy(),
    }
  }
  // Positions are bigint columns; they stay far below 2^53, so they are read back as numbers.
  const types = {
    getTypeParser: (oid: number, format?: "text" | "binary") =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? "text"),
  }
  const poolConfig: pg.PoolConfig = {
    connectionString: target.url,
    types: types as pg.CustomTypesConfig,
    options: `-c search_path=${target.schema}`,
  }
  const pool = new pg.Pool({ ...poolConfig, max: options.poolSize ?? 10 })
  const db = new Kysely<AnyTables>({ dialect: new PostgresDialect({ pool }) })
  if (target.schema !== "public") {
    // Two instances starting together both try; "already exists" from the loser is success.
    await pool.query(`create schema if not exists "${target.schema}"`).catch((error: { code?: string }) => {
      if (error.code !== "23505" && error.code !== "42P06") throw error
    })
  }
  // The appends' own connection, in pipeline mode: a query goes out as soon as it is made, without
  // waiting for the answers before it, so an append's writes and its COMMIT share one round trip.
  const writerPool = new pg.Pool({ ...poolConfig, max: 1, pipeline: true })
  const pgWriter = exclusiveConnection(writerPool)
  return {
    db,
    target,
    pgPool: pool,
    pgWriter,
    close: async () => {
      await pgWriter.close()
      await writerPool.end()
      await db.destroy()
    },
  }
}
