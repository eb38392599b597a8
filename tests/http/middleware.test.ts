import { describe, expect, it, vi } from "vitest"
import { startHttpServer } from "../../apps/http/server.js"
import { postJson, sampleApp, validThing } from "./sample-app.js"

describe("x-request-id", () => {
  const { app } = sampleApp()

  it("echoes a sane incoming id on success and on errors", async () => {
    for (const path of ["/v1/things/abc", "/v1/nothing", "/v1/things/boom", "/v1/things/BAD!"]) {
      const response = await app.request(path, { headers: { "x-request-id": "abc.DEF_123-xyz" } })
      expect(response.headers.get("x-request-id"), path).toBe("abc.DEF_123-xyz")
    }
  })

  it("generates a UUID when there is none, or when the incoming one is not a sane token", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    for (const incoming of [undefined, "has space", "x".repeat(129), "semi;colon", ""]) {
      const headers: Record<string, string> = incoming === undefined ? {} : { "x-request-id": incoming }
      const response = await app.request("/v1/things/abc", { headers })
      expect(response.headers.get("x-request-id")).toMatch(uuid)
    }
  })

  it("gives the handler the same id as the response header", async () => {
    const response = await app.request("/v1/things", postJson(JSON.stringify(validThing)))
    expect(((await response.json()) as { requestId: string }).requestId).toBe(
      response.headers.get("x-request-id"),
    )
  })
})

describe("secure headers", () => {
  const { app } = sampleApp()

  it("are set on API responses, errors included", async () => {
    for (const path of ["/v1/things/abc", "/v1/nothing", "/v1/things/boom"]) {
      const response = await app.request(path)
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'")
      expect(response.headers.get("x-content-type-options")).toBe("nosniff")
      expect(response.headers.get("x-frame-options")).toBe("DENY")
      expect(response.headers.get("referrer-policy")).toBe("no-referrer")
      expect(response.headers.get("cache-control")).toBe("no-store")
    }
  })

  it("let /docs use its own inline style, by nonce, and nothing else", async () => {
    const response = await app.request("/docs")
    const csp = response.headers.get("content-security-policy") ?? ""
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain("unsafe-inline")
    expect(await response.text()).toContain(`<style nonce="${nonce}">`)
  })
})

describe("HEAD", () => {
  // Over a real server: @hono/node-server's own Response loses headers set after the handler when
  // Hono turns a GET's answer into a HEAD's, which `app.request()` alone does not show.
  it("answers with the headers of GET (request id, security headers, cache control) and no body", async () => {
    const { app } = sampleApp()
    const server = await startHttpServer(app, { port: 0, hostname: "127.0.0.1", shutdownGraceMs: 1_000 })
    try {
      for (const path of ["/v1/things/abc", "/healthz", "/v1/nothing", "/v1/private", "/openapi.json"]) {
        const url = `http://127.0.0.1:${server.port}${path}`
        const get = await fetch(url, { headers: { "x-request-id": "head-check" } })
        const head = await fetch(url, { method: "HEAD", headers: { "x-request-id": "head-check" } })
        expect(head.status, path).toBe(get.status)
        expect(await head.text(), path).toBe("")
        const shared = (r: Response) =>
          [...r.headers.keys()].filter(
            (name) => !["content-length", "date", "keep-alive", "connection"].includes(name),
          )
        expect(shared(head), path).toEqual(shared(get))
        expect(head.headers.get("x-request-id"), path).toBe("head-check")
        expect(head.headers.get("cache-control"), path).toBe("no-store")
      }
    } finally {
      await server.close()
    }
  })
})

describe("access log", () => {
  it("writes one structured line per request through the Effect logger, without query or secrets", async () => {
    const { app, logs } = sampleApp()
    await app.request("/v1/things/abc?token=s3cr3t-query", {
      headers: { "x-request-id": "req-log", authorization: "Bearer s3cr3t-bearer" },
    })
    await app.request("/v1/things", postJson(JSON.stringify({ ...validThing, name: "s3cr3t-body" })))
    await vi.waitFor(() => expect(logs.filter((line) => line.message === "http request")).toHaveLength(2))
    const first = logs.find((line) => line.annotations.requestId === "req-log")
    expect(first).toMatchObject({
      level: "INFO",
      annotations: { requestId: "req-log", method: "GET", path: "/v1/things/abc", status: 200 },
    })
    expect(typeof first?.annotations.durationMs).toBe("number")
    expect(JSON.stringify(logs)).not.toContain("s3cr3t")
  })
})
