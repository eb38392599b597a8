import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:net"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine } from "../support/support-fixture.js"

// Each start-up problem is the operator's to fix: one line naming the variable, the exit code a
// script can act on (2 configuration, 3 database), never a stack trace or a secret.

const password = "s3cret-pw-4711"
// Nothing listens on port 1.
const unreachablePostgres = `postgres://portcullis:${password}@127.0.0.1:1/portcullis`
const serverKey = Buffer.alloc(32, 7).toString("base64")

describe("start-up errors", () => {
  it("a PostgreSQL URL with no server behind it: exit 3, naming DATABASE_URL, never its password", async () => {
    for (const args of [["audit", "verify"], ["db", "migrate"], ["serve"]]) {
      const result = await cli(args, {
        DATA_DIR: tempDataDir(),
        DATABASE_URL: unreachablePostgres,
        PORTCULLIS_SECRET_KEY: serverKey,
        PORTCULLIS_SIGNING_KEY: serverKey,
        PORT: "0",
      })
      expectOneLine(result, 3, "DATABASE_URL: connection refused")
      expect(result.stderr).not.toContain(password)
    }
  })

  it("a data folder this process may not read: exit 2, naming DATA_DIR, not the raw EACCES", async () => {
    const parent = tempDataDir()
    chmodSync(parent, 0o755)
    const dataDir = join(parent, "data")
    mkdirSync(dataDir)
    writeFileSync(join(dataDir, "secret.key"), `${serverKey}\n`)
    chmodSync(dataDir, 0o000)
    for (const args of [["serve"], ["audit", "verify"], ["db", "migrate"]]) {
      const result = await cli(args, { DATA_DIR: dataDir, PORT: "0" }, { unprivileged: true })
      expectOneLine(result, 2, `DATA_DIR: cannot use ${dataDir}: permission denied`)
      expect(result.stderr).not.toContain("EACCES")
    }
  })

  it("a data folder or sqlite: path that cannot be created (under /proc, under a file) fails at once, exit 2", async () => {
    const file = join(tempDataDir(), "a-file")
    writeFileSync(file, "")
    const cases = [
      { env: { DATA_DIR: "/proc/portcullis-data" }, says: "DATA_DIR: cannot use /proc/portcullis-data" },
      { env: { DATA_DIR: join(file, "data") }, says: `DATA_DIR: cannot use ${join(file, "data")}` },
      {
        env: { DATA_DIR: tempDataDir(), DATABASE_URL: "sqlite:/proc/portcullis-db/portcullis.db" },
        says: "DATABASE_URL: cannot use /proc/portcullis-db",
      },
    ]
    for (const { env, says } of cases) {
      for (const args of [["serve"], ["db", "migrate"]]) {
        // Before the fix the process spun on one core and ignored SIGTERM: the time limit kills it.
        const result = await cli(args, { ...env, PORT: "0" }, { timeoutMs: 15_000 })
        expectOneLine(result, 2, says)
      }
    }
  })

  it("MAIL_FROM that is not one mailbox: exit 2 naming it; a valid one starts", async () => {
    for (const value of [
      "no-reply",
      "Shop <shop@>",
      "a@example.com, b@example.com",
      "a@example.com\r\nBcc: x@y.z",
    ]) {
      const result = await cli(["audit", "verify"], { DATA_DIR: tempDataDir(), MAIL_FROM: value })
      expectOneLine(result, 2, "MAIL_FROM: expected one mailbox")
    }
    for (const value of [
      "shop@example.com",
      "Example Shop <shop@example.com>",
      '"Shop, Inc." <shop@mail.example.co.jp>',
    ]) {
      // Configuration accepted: the command goes on to find no database.
      expect((await cli(["audit", "verify"], { DATA_DIR: tempDataDir(), MAIL_FROM: value })).status).toBe(3)
    }
  })

  describe("a port already in use", () => {
    let taken: Server
    let port: number
    beforeAll(async () => {
      taken = createServer()
      await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve))
      port = (taken.address() as { port: number }).port
    })
    afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())))

    it("exits 2 naming PORT, before the database is created or changed", async () => {
      const dataDir = tempDataDir()
      const result = await cli(["serve"], { DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1" })
      expectOneLine(result, 2, `PORT: ${port} is already in use on 127.0.0.1`)
      expect(existsSync(join(dataDir, "portcullis.db"))).toBe(false)
      expect(readdirSync(dataDir)).toEqual([])
    })
  })

  it("a HOST that cannot be listened on: exit 2 naming HOST", async () => {
    for (const host of ["no-such-host.invalid", "192.0.2.1"]) {
      const dataDir = tempDataDir()
      const result = await cli(["serve"], { DATA_DIR: dataDir, PORT: "0", HOST: host })
      expectOneLine(result, 2, `HOST: cannot listen on ${host}`)
      expect(existsSync(join(dataDir, "portcullis.db"))).toBe(false)
    }
  })
})
