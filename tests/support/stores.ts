import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import { allProjections, openSqlEventLog, type SqlEventLogOptions } from "../../adapters/sql/sql-event-log.js"
import { talliesProjection } from "./tally.js"

export const postgresUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

export interface StoreTarget {
  readonly name: string
  /** A URL to a fresh, empty database, and a way to remove it afterwards. */
  readonly fresh: () => Promise<{ readonly url: string; readonly dispose: () => Promise<void> }>
}

export const sqliteMemory: StoreTarget = {
  name: "sqlite (memory)",
  fresh: async () => ({ url: "sqlite::memory:", dispose: async () => undefined }),
}

export const sqliteFile: StoreTarget = {
  name: "sqlite (file)",
  fresh: async () => {
    const dir = mkdtempSync(join(tmpdir(), "portcullis-test-"))
    return {
      url: `sqlite:${join(dir, "portcullis.db")}`,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    }
  },
}

// Each test gets its own schema on the shared server, so test files can run side by side.
export const postgres: StoreTarget = {
  name: "postgresql",
  fresh: async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`
    const separator = postgresUrl.includes("?") ? "&" : "?"
    return {
      url: `${postgresUrl}${separator}schema=${schema}`,
      dispose: async () => {
        const client = new pg.Client({ connectionString: postgresUrl })
        await client.connect()
        await client.query(`drop schema if exists "${schema}" cascade`)
        await client.end()
      },
    }
  },
}

export const allTargets: ReadonlyArray<StoreTarget> = [sqliteMemory, sqliteFile, postgres]

export const testProjections = [...allProjections, talliesProjection]

/** Opens a fresh event log with the test projections; `close` also removes the database. */
export const openTestLog = async (target: StoreTarget, options: SqlEventLogOptions = {}) => {
  const { url, dispose } = await target.fresh()
  const log = await openSqlEventLog(url, { projections: testProjections, ...options })
  return {
    ...log,
    url,
    close: async () => {
      await log.close()
      await dispose()
    },
  }
}
