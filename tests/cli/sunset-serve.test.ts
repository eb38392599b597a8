// The sunset as operators run it: scheduled with the CLI, applied by `serve` itself when the instant
// passes — by one server, or by two on one database with the CLI racing them: one ServiceSunset.
import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { cli, type RunningServer, startServer, tempDataDir } from "../support/cli.js"
import { postgres, type StoreTarget, sqliteFile } from "../support/stores.js"
import { inSeconds, productEvents, scheduleEnd } from "../support/sunset-cli.js"
import { sleep, until } from "../support/until.js"

describe("portcullis sunset", () => {
  it("refuses what cannot be scheduled with one line and an exit code", async () => {
    const env = { DATA_DIR: tempDataDir() }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const noZone = await cli(
      ["sunset", "schedule", "password-manager", "--at", "2099-01-01T00:00", "--successor", "id-protection"],
      env,
    )
    expect(noZone.status).toBe(2)
    expect(noZone.stderr.trim()).toMatch(/^portcullis: --at must be an ISO 8601 time with its zone/)
    const past = await cli(
      [
        "sunset",
        "schedule",
        "password-manager",
        "--at",
        "2020-01-01T00:00:00Z",
        "--successor",
        "id-protection",
      ],
      env,
    )
    expect(past.status).toBe(2)
    expect(past.stderr).toContain("--at is not in the future")
    const unknown = await cli(
      ["sunset", "schedule", "password-manager", "--at", inSeconds(3600), "--successor", "nope"],
      env,
    )
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toContain("no product nope in the catalogue to be the successor")
    const itself = await cli(
      ["sunset", "schedule", "password-manager", "--at", inSeconds(3600), "--successor", "password-manager"],
      env,
    )
    expect(itself.status).toBe(1)
    expect((await cli(["sunset", "apply", "no-such-product"], env)).status).toBe(1)
    for (const result of [noZone, past, unknown, itself]) expect(result.stderr).not.toMatch(/\n\s+at /)
    // Schedule, move, cancel: each said on one line.
    const at = inSeconds(3600)
    const scheduled = await cli(
      ["sunset", "schedule", "password-manager", "--at", at, "--successor", "id-protection"],
      env,
    )
    expect(scheduled.stdout).toContain("password-manager: sunset scheduled at")
    const status = JSON.parse((await cli(["sunset", "status", "--json"], env)).stdout)
    expect(status.products).toEqual([
      expect.objectContaining({
        productId: "password-manager",
        phase: "sunset-scheduled",
        successor: "id-protection",
      }),
    ])
    expect(status.jobs.pending).toBe(2)
    expect((await cli(["sunset", "cancel", "password-manager"], env)).stdout).toContain("sunset cancelled")
    expect((await cli(["sunset", "status"], env)).stdout).toContain("no product is scheduled to end")
  })

  /** A Password Manager customer per key, registered and signed in on a phone through the servers in turn. */
  const appSessionsOn = async (servers: ReadonlyArray<RunningServer>, keys: ReadonlyArray<string>) => {
    const password = "Kagi2Mori#Tsuki"
    const ids: Array<string> = []
    for (const [i, key] of keys.entries()) {
      const base = `http://127.0.0.1:${servers[i % servers.length]!.port}`
      const post = (path: string, body: unknown) =>
        fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      const email = `pm${i}.${Date.now()}@example.jp`
      const created = await post("/v1/personal-accounts", {
        licenseKey: key,
        acceptEula: true,
        email,
        password,
        passwordConfirmation: password,
      })
      expect(created.status).toBe(201)
      const signedIn = await post("/v1/app-sessions", {
        loginId: email,
        password,
        productId: "password-manager",
        deviceName: "Phone",
      })
      expect(signedIn.status).toBe(201)
      ids.push(((await signedIn.json()) as { sessionId: string }).sessionId)
    }
    return ids
  }

  const twoServers = async (target: StoreTarget, count: number) => {
    const database = await target.fresh()
    const env = {
      DATA_DIR: tempDataDir(),
      DATABASE_URL: database.url,
      PORTCULLIS_SECRET_KEY: randomBytes(32).toString("base64"),
      PORTCULLIS_SIGNING_KEY: randomBytes(32).toString("base64"),
    }
    expect((await cli(["db", "migrate"], env)).status).toBe(0)
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const issued = await cli(
      [
        "keys",
        "issue",
        "--product",
        "password-manager",
        "--package",
        "annual",
        "--expires",
        "2099-03-31",
        "--count",
        "2",
      ],
      env,
    )
    expect(issued.status).toBe(0)
    const servers: Array<RunningServer> = []
    try {
      for (let i = 0; i < count; i++) servers.push(await startServer({ ...env, DATA_DIR: tempDataDir() }))
      // Customers with app sessions, each signed in through one of the servers.
      const sessionIds = await appSessionsOn(servers, issued.stdout.trim().split("\n"))
      const endsAt = inSeconds(4)
      await scheduleEnd(env, endsAt)
      // A third racer: the operator's apply, tried from the instant on.
      await sleep(Math.max(0, Date.parse(endsAt) - Date.now()))
      const racer = await cli(["sunset", "apply", "password-manager"], env)
      expect(racer.status).toBe(0)
      expect(racer.stdout).toMatch(/password-manager: (sunset applied|already ended)/)
      const jobs = await until("the lifecycle jobs to finish", async () => {
        const status = JSON.parse((await cli(["sunset", "status", "password-manager", "--json"], env)).stdout)
        return status.jobs.pending === 0 && status.jobs.done >= 3 ? status : undefined
      })
      expect(jobs.products[0]).toMatchObject({ phase: "ended", recorded: true, successor: "id-protection" })
      expect(jobs.jobs.dead).toBe(0)
      for (const server of servers) {
        const answer = await fetch(`http://127.0.0.1:${server.port}/v1/products/password-manager/status`)
        expect(await answer.json()).toMatchObject({ phase: "ended", successor: "id-protection" })
      }
      const events = await productEvents(env)
      expect(events.filter((e) => e.type === "ServiceSunset")).toHaveLength(1)
      // Every app session ended once, by the sunset, whichever server's job ended it.
      for (const sessionId of sessionIds) {
        const tail = await cli(["events", "tail", "--stream", `app-session-${sessionId}`, "--json"], env)
        const types = tail.stdout
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { type: string; data: unknown })
        expect(types.filter((e) => e.type === "AppSessionEnded").map((e) => e.data)).toEqual([
          expect.objectContaining({ reason: "service-ended" }),
        ])
      }
      const again = await cli(["sunset", "apply", "password-manager"], env)
      expect(again.stdout).toContain("password-manager: already ended at")
      expect((await cli(["audit", "verify"], env)).status).toBe(0)
      expect((await cli(["audit", "replay"], env)).status).toBe(0)
    } finally {
      for (const server of servers) expect(await server.stop()).toBe(0)
      await database.dispose()
    }
  }

  it("one serve applies the sunset by itself at the instant; a second apply says it already ended", async () => {
    await twoServers(sqliteFile, 1)
  })

  it("two serve processes on one PostgreSQL and the CLI racing them record one ServiceSunset and end each app session once", async () => {
    await twoServers(postgres, 2)
  })
})
