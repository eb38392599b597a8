import { randomBytes } from "node:crypto"
import { connect } from "node:net"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { cli, startServer, tempDataDir } from "../support/cli.js"
import { postgresUrl } from "../support/stores.js"

describe("portcullis serve", () => {
  it("serves /healthz on the embedded database and exits 0 on SIGTERM", async () => {
    const server = await startServer({ DATA_DIR: tempDataDir() })
    const response = await fetch(`http://127.0.0.1:${server.port}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok" } })
    expect(await server.stop()).toBe(0)
    expect(server.output()).toContain('"message":"http request"')
  })

  it("answers a request Node cannot parse with problem+json, logged once by its code and not its bytes", async () => {
    const server = await startServer({ DATA_DIR: tempDataDir() })
    const answer = await new Promise<string>((resolve, reject) => {
      let text = ""
      const socket = connect(server.port, "127.0.0.1", () =>
        socket.end(
          "POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer tok-5f0c9e21aa\r\n" +
            "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        ),
      )
      socket.on("data", (data) => {
        text += data
      })
      socket.on("close", () => resolve(text))
      socket.on("error", reject)
    })
    expect(await server.stop()).toBe(0)
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    const requestId = /x-request-id: (\S+)/.exec(answer)?.[1]
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))
    expect(body).toMatchObject({ type: "https://portcullis.dev/problems/malformed-request", requestId })
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.includes("http request refused unread"))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({
      annotations: { requestId, status: 400, cause: "HPE_INVALID_TRANSFER_ENCODING" },
    })
    expect(server.output()).not.toContain("tok-5f0c9e21aa")
  })

  it("loads no sample catalogue by itself on an empty database, and says how to", async () => {
    const env = { DATA_DIR: tempDataDir() }
    const server = await startServer(env)
    expect(await server.stop()).toBe(0)
    expect(server.output()).toContain("npx portcullis catalog seed")
    expect(JSON.parse((await cli(["catalog", "list", "--json"], env)).stdout)).toEqual([])
  })

  it("refuses to start on PostgreSQL without a server key, exit 2", async () => {
    await expect(startServer({ DATA_DIR: tempDataDir(), DATABASE_URL: postgresUrl })).rejects.toThrow(
      /exited with 2[\s\S]*PORTCULLIS_SECRET_KEY is required/,
    )
  })

  it("refuses to start on PostgreSQL without the signing key, exit 2", async () => {
    const env = { DATA_DIR: tempDataDir(), DATABASE_URL: postgresUrl }
    await expect(
      startServer({ ...env, PORTCULLIS_SECRET_KEY: randomBytes(32).toString("base64") }),
    ).rejects.toThrow(/exited with 2[\s\S]*PORTCULLIS_SIGNING_KEY is required/)
  })

  describe("two instances on one PostgreSQL database", () => {
    const schema = `t_${randomBytes(6).toString("hex")}`
    afterAll(async () => {
      const client = new pg.Client({ connectionString: postgresUrl })
      await client.connect()
      await client.query(`drop schema if exists "${schema}" cascade`)
      await client.end()
    })

    it("both start (migrating once), both answer, both stop cleanly", async () => {
      const env = {
        DATABASE_URL: `${postgresUrl}?schema=${schema}`,
        PORTCULLIS_SECRET_KEY: randomBytes(32).toString("base64"),
        PORTCULLIS_SIGNING_KEY: randomBytes(32).toString("base64"),
      }
      const [a, b] = await Promise.all([
        startServer({ ...env, DATA_DIR: tempDataDir() }),
        startServer({ ...env, DATA_DIR: tempDataDir() }),
      ])
      for (const server of [a, b]) {
        expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200)
      }
      expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0])
      // The same as on the embedded database: no sample catalogue unless asked for.
      expect(a.output()).toContain("npx portcullis catalog seed")
      expect(
        JSON.parse((await cli(["catalog", "list", "--json"], { ...env, DATA_DIR: tempDataDir() })).stdout),
      ).toEqual([])
    })
  })
})
