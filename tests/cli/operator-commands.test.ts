import { join } from "node:path"
import Database from "better-sqlite3"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { cli, tempDataDir } from "../support/cli.js"

const metadata = { actor: { kind: "operator" as const, id: "op-1" } }

/** A data folder whose database holds a few events (and one e-mail in the outbox). */
const seeded = async (count = 5) => {
  const dataDir = tempDataDir()
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  for (let i = 1; i <= count; i++) {
    await Effect.runPromise(
      log.store.append(`account-${i % 2}`, [{ type: "Noted", schemaVersion: 1, data: { n: i } }], {
        expected: ExpectedVersion.any,
        metadata,
        ...(i === 1
          ? {
              outbox: [
                {
                  channel: "mail" as const,
                  payload: { to: ["a@example.com"], subject: "登録完了", text: "ようこそ" },
                },
              ],
            }
          : {}),
      }),
    )
  }
  await log.close()
  return { DATA_DIR: dataDir }
}

describe("portcullis CLI", () => {
  it("--help lists every command", async () => {
    const result = await cli(["--help"])
    expect(result.status).toBe(0)
    for (const command of [
      "serve",
      "db migrate",
      "events tail",
      "events show",
      "audit verify",
      "audit replay",
      "projections rebuild",
      "jobs",
      "outbox",
      "mail list",
      "mail show",
      "vault status",
      "vault reset",
    ]) {
      expect(result.stdout).toContain(command)
    }
  })

  it("an unknown command or bad argument exits 2", async () => {
    expect((await cli(["frobnicate"])).status).toBe(2)
    expect((await cli(["events", "show", "abc"])).status).toBe(2)
  })

  it("db migrate creates the database, then reports it up to date", async () => {
    const env = { DATA_DIR: tempDataDir() }
    const first = await cli(["db", "migrate"], env)
    expect(first.status).toBe(0)
    expect(first.stdout).toContain("applied 0001-event-log")
    const again = await cli(["db", "migrate", "--json"], env)
    expect(again.status).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({
      database: "sqlite",
      applied: [],
      alreadyApplied: [
        "0001-event-log",
        "0002-lean-event-log",
        "0003-sessions-and-throttles",
        "0004-session-second-factor",
        "0005-typed-jobs",
        "0006-simulated-console",
      ],
    })
  })

  it("read-only commands refuse a missing database with exit 3 and say what to run", async () => {
    const result = await cli(["audit", "verify"], { DATA_DIR: tempDataDir() })
    expect(result.status).toBe(3)
    expect(result.stderr.trim().split("\n")).toHaveLength(1)
    expect(result.stderr).toContain("portcullis db migrate")
  })

  it("support's read commands refuse a missing database with exit 3 too", async () => {
    const missing = { DATA_DIR: tempDataDir() }
    expect((await cli(["accounts", "list"], missing)).status).toBe(3)
    expect((await cli(["licenses", "list"], missing)).status).toBe(3)
  })

  it("a bad variable exits 2 with one line naming it", async () => {
    const result = await cli(["audit", "verify"], {
      DATA_DIR: tempDataDir(),
      DATABASE_URL: "mysql://secret@x/y",
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/^portcullis: configuration error: DATABASE_URL: .+\n$/)
    expect(result.stderr).not.toContain("secret")
  })

  describe("on a database with events", () => {
    let env: Record<string, string>
    beforeAll(async () => {
      env = await seeded()
    })

    it("audit verify passes on an untouched log", async () => {
      const result = await cli(["audit", "verify", "--json"], env)
      expect(result.status).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ _tag: "Intact", events: 5 })
    })

    it("events tail and show print the log", async () => {
      const tail = await cli(["events", "tail", "-n", "2"], env)
      expect(tail.status).toBe(0)
      expect(
        tail.stdout
          .trim()
          .split("\n")
          .map((l) => l.split(/\s+/)[0]),
      ).toEqual(["#4", "#5"])
      const lines = (await cli(["events", "tail", "--json", "--stream", "account-1"], env)).stdout
        .trim()
        .split("\n")
      expect(lines.map((l) => JSON.parse(l).position)).toEqual([1, 3, 5])
      const show = await cli(["events", "show", "3", "--json"], env)
      expect(JSON.parse(show.stdout)).toMatchObject({ position: 3, type: "Noted", data: { n: 3 }, metadata })
      expect((await cli(["events", "show", "99"], env)).status).toBe(1)
    })

    it("projections list and rebuild", async () => {
      const rebuilt = await cli(["projections", "rebuild", "--json"], env)
      expect(rebuilt.status).toBe(0)
      expect(JSON.parse(rebuilt.stdout)).toEqual([
        { name: "actor_activity", version: 1, events: 5 },
        { name: "products", version: 2, events: 0 },
        { name: "licenses", version: 5, events: 0 },
        { name: "accounts", version: 3, events: 0 },
        { name: "vault_items", version: 1, events: 0 },
        { name: "app_sessions", version: 1, events: 0 },
        { name: "switch_results", version: 1, events: 0 },
        { name: "vault_imports", version: 1, events: 0 },
        { name: "switch_plans", version: 1, events: 0 },
        { name: "instances", version: 1, events: 0 },
      ])
      expect((await cli(["projections", "rebuild", "nope"], env)).status).toBe(2)
      expect(JSON.parse((await cli(["projections", "list", "--json"], env)).stdout)).toContainEqual({
        name: "actor_activity",
        version: 1,
        storedVersion: 1,
        position: 5,
      })
    })

    it("outbox drain (the old name of jobs drain) delivers to the file outbox, which mail list and show read", async () => {
      const drained = await cli(["outbox", "drain", "--json"], env)
      expect(drained.status).toBe(0)
      // The old name keeps its old output, for the scripts written against it.
      expect(JSON.parse(drained.stdout)).toEqual({
        claimed: 1,
        delivered: 1,
        retrying: 0,
        dead: 0,
        queue: { pending: 0, delivered: 1, dead: 0 },
      })
      expect(JSON.parse((await cli(["outbox", "status", "--json"], env)).stdout)).toEqual({
        pending: 0,
        delivered: 1,
        dead: 0,
      })
      const list = JSON.parse((await cli(["mail", "list", "--json"], env)).stdout) as Array<{
        id: string
        subject: string
      }>
      expect(list.map((m) => m.subject)).toEqual(["登録完了"])
      const show = await cli(["mail", "show", list[0]!.id], env)
      expect(show.status).toBe(0)
      expect(show.stdout).toContain("ようこそ")
      expect((await cli(["mail", "show", "../../etc/passwd"], env)).status).toBe(1)
    })
  })

  it("jobs status counts by channel with the next due time; a dead job is listed and jobs retry revives it", async () => {
    const env = await seeded(1)
    const log = await openSqlEventLog(`sqlite:${join(env.DATA_DIR, "portcullis.db")}`)
    // A mail job whose payload no mailer can send: dead on its first attempt.
    await Effect.runPromise(
      log.store.append("account-9", [], {
        expected: ExpectedVersion.any,
        metadata,
        outbox: [{ channel: "mail", payload: { to: [] } }],
      }),
    )
    await log.close()
    const before = JSON.parse((await cli(["jobs", "status", "--json"], env)).stdout)
    expect(before).toMatchObject({ channels: [{ channel: "mail", pending: 2, done: 0, dead: 0 }], dead: [] })
    expect(Date.parse(before.nextDueAt)).not.toBeNaN()

    expect((await cli(["jobs", "drain"], env)).status).toBe(0)
    const status = await cli(["jobs", "status"], env)
    expect(status.stdout).toContain("0 pending, 1 done, 1 dead")
    expect(status.stdout).toContain("nothing is waiting")
    const after = JSON.parse((await cli(["jobs", "status", "--json"], env)).stdout)
    expect(after.dead).toEqual([
      expect.objectContaining({
        channel: "mail",
        attempts: 1,
        lastError: expect.stringContaining("payload does not fit channel mail"),
      }),
    ])

    const retried = await cli(["jobs", "retry", after.dead[0].id, "--json"], env)
    expect(retried.status).toBe(0)
    expect(JSON.parse(retried.stdout)).toEqual({ id: after.dead[0].id, state: "pending" })
    expect(JSON.parse((await cli(["jobs", "status", "--json"], env)).stdout).totals).toEqual({
      pending: 1,
      done: 1,
      dead: 0,
    })
    const again = await cli(["jobs", "retry", after.dead[0].id], env)
    expect(again.status).toBe(1)
    expect(again.stderr).toContain("is not dead")
    const unknown = await cli(["jobs", "retry", "no-such-job"], env)
    expect(unknown.status).toBe(2)
    expect(unknown.stderr.trim()).toBe("portcullis: no job no-such-job")
  })

  it("audit verify on a database edited by hand exits 1 and names the position", async () => {
    const env = await seeded()
    const sqlite = new Database(join(env.DATA_DIR, "portcullis.db"))
    sqlite.prepare("update events set data = ? where position = 3").run('{"n":300}')
    sqlite.close()
    const result = await cli(["audit", "verify"], env)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain("BROKEN at position 3")
    expect(result.stdout).toContain("data does not match its digest")
    expect(result.stderr).toContain("chain broken at position 3")
  })

  it("audit replay exits 1 on a read model edited by hand", async () => {
    const env = await seeded()
    expect((await cli(["audit", "replay"], env)).status).toBe(0)
    const sqlite = new Database(join(env.DATA_DIR, "portcullis.db"))
    sqlite.prepare("update actor_activity set actor_id = 'someone-else' where position = 2").run()
    sqlite.close()
    const result = await cli(["audit", "replay", "--json"], env)
    expect(result.status).toBe(1)
    expect(JSON.parse(result.stdout).drift).toMatchObject([
      { projection: "actor_activity", table: "actor_activity" },
    ])
  })
})
