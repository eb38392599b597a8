import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import SQLite from "better-sqlite3"
import { sql } from "kysely"
import { afterEach, describe, expect, it } from "vitest"
import { openDatabase, parseDatabaseUrl } from "../../adapters/sql/database.js"

// What erasure sweeps ask of SQLite after they commit: the WAL, which still holds every page image
// an erased value was in, copied back and emptied; and never a wait or a failure when it cannot be.

const dirs: Array<string> = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const openFile = async () => {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-wal-"))
  dirs.push(dir)
  const file = join(dir, "portcullis.db")
  const database = await openDatabase(parseDatabaseUrl(`sqlite:${file}`))
  await sql`create table notes (body text)`.execute(database.db)
  await sql`insert into notes values (${"a secret that is then erased".repeat(50)})`.execute(database.db)
  await sql`update notes set body = null`.execute(database.db)
  return { database, file, wal: `${file}-wal` }
}

describe("SQLite WAL truncation after erasure", () => {
  it("empties the WAL when nothing is in the way", async () => {
    const { database, wal } = await openFile()
    expect(statSync(wal).size).toBeGreaterThan(0)
    expect(database.sqlite!.truncateWal()).toBe(true)
    expect(statSync(wal).size).toBe(0)
    await database.close()
  })

  it("gives up at once, without throwing, behind another connection's read or inside a transaction", async () => {
    const { database, file, wal } = await openFile()
    const reader = new SQLite(file, { readonly: true })
    reader.pragma("busy_timeout = 0")
    const reading = reader.prepare("select body from notes")
    reader.exec("begin")
    reading.all()
    expect(database.sqlite!.truncateWal()).toBe(false)
    // It tried without the connection's 5 s patience, and left that as it was for everything else.
    expect(database.sqlite!.prepare("pragma busy_timeout").get()).toEqual({ timeout: 5000 })
    reader.exec("commit")
    reader.close()

    const inside = await database.db.transaction().execute(async () => database.sqlite!.truncateWal())
    expect(inside).toBe(false)
    expect(database.sqlite!.truncateWal()).toBe(true)
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
    await database.close()
  })
})
