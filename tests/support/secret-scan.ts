import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import Database from "better-sqlite3"
import pg from "pg"

// The zero-knowledge proof's search: every value of every column of every table, and every file
// under a folder, as text; a hit is a secret found in one of them.

export interface Needle {
  /** What the secret is, for the failure message (never the secret itself). */
  readonly what: string
  readonly text: string
}

export interface Hit {
  readonly what: string
  readonly where: string
}

// A value as the database hands it over: text as it is, bytes in every way a secret could be
// written into them (raw, hex, base64).
const spellings = (value: unknown): ReadonlyArray<string> => {
  if (value === null || value === undefined) return []
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
    const bytes = Buffer.from(value)
    return [bytes.toString("latin1"), bytes.toString("utf8"), bytes.toString("hex"), bytes.toString("base64")]
  }
  return [typeof value === "object" ? JSON.stringify(value) : String(value)]
}

const find = (needles: ReadonlyArray<Needle>, where: string, value: unknown, hits: Array<Hit>) => {
  const texts = spellings(value)
  for (const needle of needles) {
    if (texts.some((text) => text.includes(needle.text))) hits.push({ what: needle.what, where })
  }
}

/** Every table of an SQLite file (the event log, projections, jobs, the outbox, everything). */
export const scanSqlite = (file: string, needles: ReadonlyArray<Needle>) => {
  const db = new Database(file, { readonly: true })
  const hits: Array<Hit> = []
  let cells = 0
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as ReadonlyArray<{
      name: string
    }>
    for (const { name } of tables) {
      for (const row of db.prepare(`select * from "${name}"`).all() as ReadonlyArray<
        Record<string, unknown>
      >) {
        for (const [column, value] of Object.entries(row)) {
          cells++
          find(needles, `${name}.${column}`, value, hits)
        }
      }
    }
    return { hits, tables: tables.length, cells }
  } finally {
    db.close()
  }
}

/** Every table of one PostgreSQL schema. */
export const scanPostgres = async (url: string, needles: ReadonlyArray<Needle>) => {
  const schema = new URL(url).searchParams.get("schema") ?? "public"
  const connectionString = url.replace(/[?&]schema=[^&]*/, "")
  const client = new pg.Client({ connectionString })
  await client.connect()
  const hits: Array<Hit> = []
  let cells = 0
  try {
    const tables = (
      await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
        [schema],
      )
    ).rows
    for (const { table_name: name } of tables) {
      const rows = (await client.query(`select * from "${schema}"."${name}"`)).rows as ReadonlyArray<
        Record<string, unknown>
      >
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          cells++
          find(needles, `${name}.${column}`, value, hits)
        }
      }
    }
    return { hits, tables: tables.length, cells }
  } finally {
    await client.end()
  }
}

/** Every file below `dir` (the mail outbox), and the lines of a log. */
export const scanFiles = (dir: string, needles: ReadonlyArray<Needle>) => {
  const hits: Array<Hit> = []
  const files: Array<string> = []
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.push(path)
    }
  }
  walk(dir)
  for (const file of files) find(needles, file, readFileSync(file), hits)
  return { hits, files: files.length }
}

/** Files as bytes (a database file, its WAL), those that exist. */
export const scanRawFiles = (paths: ReadonlyArray<string>, needles: ReadonlyArray<Needle>) => {
  const hits: Array<Hit> = []
  for (const path of paths) if (existsSync(path)) find(needles, path, readFileSync(path), hits)
  return hits
}

export const scanLines = (lines: ReadonlyArray<string>, needles: ReadonlyArray<Needle>) => {
  const hits: Array<Hit> = []
  for (const [i, line] of lines.entries()) find(needles, `log line ${i + 1}`, line, hits)
  return hits
}
