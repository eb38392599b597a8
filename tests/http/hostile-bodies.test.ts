import { connect } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerFeatures } from "../../apps/http/features.js"
import { startHttpServer } from "../../apps/http/server.js"
import type { RouteShape } from "../../apps/http/shell/route-types.js"
import { postgres } from "../support/stores.js"
import { customerApp, json, registration } from "./customer-app.js"

type App = Awaited<ReturnType<typeof customerApp>>

const expectProblem = async (response: Response, status: number) => {
  expect(response.status).toBe(status)
  expect(response.headers.get("content-type")).toBe("application/problem+json")
  const body = (await response.json()) as { status: number; type: string }
  expect(body.status).toBe(status)
  return body
}

// Every route with a body, its path parameters filled in; a bearer token that names no session, as
// the body is refused before anyone is asked who sent it.
const routesWithBody = customerFeatures
  .flatMap((feature): ReadonlyArray<RouteShape> => feature.routes)
  .filter((route) => route.body !== undefined)
  .map((route) => ({ method: route.method, path: route.path.replace(/:[^/]+/g, "x") }))

const deepArrays = `${"[".repeat(10_000)}${"]".repeat(10_000)}`
const deepObject = `${'{"a":'.repeat(3_000)}1${"}".repeat(3_000)}`

const withBody = (method: string, body: string): RequestInit => ({
  method,
  headers: { "content-type": "application/json", authorization: "Bearer not-a-session" },
  body,
})

describe("hostile request bodies", () => {
  let api: App
  beforeAll(async () => {
    api = await customerApp()
  })
  afterAll(() => api.close())

  it("answers JSON nested too deep with 400 problem+json on every route with a body", async () => {
    expect(routesWithBody.length).toBeGreaterThan(10)
    for (const { method, path } of routesWithBody) {
      for (const body of [deepArrays, deepObject]) {
        const problem = await expectProblem(await api.app.request(path, withBody(method, body)), 400)
        expect(problem.type, `${method} ${path}`).toBe("https://portcullis.dev/problems/json-too-deep")
      }
    }
  })

  it("answers a chunked body over the limit with 413 problem+json, on a DELETE too", async () => {
    const chunk = new TextEncoder().encode(`"${"x".repeat(1022)}",`)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("["))
        for (let i = 0; i < 200; i++) controller.enqueue(chunk)
        controller.enqueue(new TextEncoder().encode('""]'))
        controller.close()
      },
    })
    const init = {
      method: "DELETE",
      headers: { "content-type": "application/json", authorization: "Bearer not-a-session" },
      body: stream,
      duplex: "half",
    } as RequestInit
    const problem = await expectProblem(await api.app.request("/v1/account/two-factor", init), 413)
    expect(problem.type).toBe("https://portcullis.dev/problems/payload-too-large")

    // And over a real server, sent in 1 KiB chunks as a client streaming a body would.
    const server = await startHttpServer(api.app, { port: 0, hostname: "127.0.0.1", shutdownGraceMs: 1_000 })
    try {
      const request = [
        "DELETE /v1/account/two-factor HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
        "Authorization: Bearer not-a-session\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        ...Array.from({ length: 200 }, () => `400\r\n${"x".repeat(1024)}\r\n`),
        "0\r\n\r\n",
      ].join("")
      const answer = await new Promise<string>((resolve, reject) => {
        let text = ""
        const socket = connect(server.port, "127.0.0.1", () => socket.end(request))
        socket.on("data", (data) => {
          text += data
        })
        socket.on("close", () => resolve(text))
        socket.on("error", reject)
      })
      const [head = "", body = ""] = answer.split("\r\n\r\n")
      expect(head).toMatch(/^HTTP\/1\.1 413/)
      expect(head.toLowerCase()).toContain("content-type: application/problem+json")
      expect(JSON.parse(body)).toMatchObject({ type: "https://portcullis.dev/problems/payload-too-large" })
    } finally {
      await server.close()
    }
  })
})

// PostgreSQL's text columns cannot hold U+0000: the edge refuses it on both databases alike.
describe.each([
  ["SQLite", async () => ({ api: await customerApp(), dispose: async () => undefined })],
  [
    "PostgreSQL",
    async () => {
      const fresh = await postgres.fresh()
      return { api: await customerApp({ databaseUrl: fresh.url }), dispose: fresh.dispose }
    },
  ],
] as const)("a NUL character in a string field, on %s", (_, open) => {
  let opened: Awaited<ReturnType<typeof open>>
  beforeAll(async () => {
    opened = await open()
  })
  afterAll(async () => {
    await opened.api.close()
    await opened.dispose()
  })

  it("is refused with 422, naming the field, in a registration and a login", async () => {
    const [key] = await opened.api.issue()
    const form = registration(key!)
    const withNul = { ...form, user: { ...form.user, contactName: "山田\u0000太郎" } }
    const refused = await opened.api.app.request("/v1/accounts", json("POST", withNul))
    const problem = (await expectProblem(refused, 422)) as unknown as { errors: Array<{ field: string }> }
    expect(problem.errors.map((e) => e.field)).toContain("/user/contactName")
    const login = await opened.api.app.request(
      "/v1/sessions",
      json("POST", { loginId: "nul\u0000user", password: "Kagi2Mori#Tsuki" }),
    )
    await expectProblem(login, 422)
    // Nothing was half-written: the same form without the NUL registers.
    expect((await opened.api.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
  })
})
