import { Effect } from "effect"
import { describe, expect, it, vi } from "vitest"
import { defineFeature } from "../../apps/http/shell/feature.js"
import { defineRoute } from "../../apps/http/shell/route.js"
import { postJson, sampleApp, validThing } from "./sample-app.js"

const problemOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toBe("application/problem+json")
  return (await response.json()) as Record<string, unknown>
}

describe("failures mapped by _tag", () => {
  const { app } = sampleApp()

  it.each([
    ["missing", 404, "not-found"],
    ["conflict", 409, "conflict"],
    ["reused", 409, "idempotency-key-reused"],
    ["expired", 409, "license-expired"],
  ])("%s → %i %s", async (id, status, slug) => {
    const response = await app.request(`/v1/things/${id}`)
    expect(response.status).toBe(status)
    expect(await problemOf(response)).toMatchObject({
      type: `https://portcullis.dev/problems/${slug}`,
      status,
      instance: `/v1/things/${id}`,
      requestId: response.headers.get("x-request-id"),
    })
  })

  it("uses a feature's detail for its own errors", async () => {
    const body = await problemOf(await app.request("/v1/things/expired"))
    expect(body).toMatchObject({ title: "License expired", detail: "License lic-9 has expired." })
  })

  it("answers RateLimited with 429, a whole-second Retry-After and the refusing policy in RateLimit", async () => {
    const response = await app.request("/v1/things/limited")
    expect(response.status).toBe(429)
    expect(response.headers.get("retry-after")).toBe("3")
    expect(response.headers.get("ratelimit")).toBe('"thing-reads";r=0;t=3')
    expect(response.headers.get("ratelimit-policy")).toBe('"thing-reads";q=10;w=60')
    expect(await problemOf(response)).toMatchObject({ type: "https://portcullis.dev/problems/rate-limited" })
  })

  it("advertises a throttled route's policies on its other answers too, and a plain route's none", async () => {
    for (const path of ["/v1/things/t-1", "/v1/things/missing", "/v1/things/NOT_VALID"]) {
      const response = await app.request(path)
      expect([200, 404, 422]).toContain(response.status)
      expect(response.headers.get("ratelimit-policy"), path).toBe('"thing-reads";q=10;w=60')
      expect(response.headers.get("ratelimit"), path).toBeNull()
    }
    const plain = await app.request("/v1/things", postJson(JSON.stringify(validThing)))
    expect(plain.status).toBe(201)
    expect(plain.headers.get("ratelimit-policy")).toBeNull()
    expect(plain.headers.get("ratelimit")).toBeNull()
  })

  it("answers a missing bearer token with 401 before running the handler", async () => {
    const response = await app.request("/v1/private")
    expect(response.status).toBe(401)
    expect(response.headers.get("www-authenticate")).toBe("Bearer")
    expect(await problemOf(response)).toMatchObject({ type: "https://portcullis.dev/problems/unauthorized" })
    const authorized = await app.request("/v1/private", { headers: { authorization: "Bearer abc" } })
    expect(authorized.status).toBe(200)
  })
})

describe("bugs", () => {
  it.each(["boom", "unmapped"])("%s → 500 carrying only the request id, logged in full", async (id) => {
    const { app, logs } = sampleApp()
    const response = await app.request(`/v1/things/${id}`, { headers: { "x-request-id": `req-${id}` } })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toMatch(/s3cr3t|Error|at /)
    expect(JSON.parse(text)).toEqual({
      type: "https://portcullis.dev/problems/internal-error",
      title: "Internal server error",
      status: 500,
      instance: `/v1/things/${id}`,
      requestId: `req-${id}`,
    })
    await vi.waitFor(() => {
      const logged = logs.find((line) => line.message === "request failed")
      expect(logged?.annotations).toMatchObject({ requestId: `req-${id}`, path: `/v1/things/${id}` })
      expect(`${logged?.values} ${logged?.cause}`).toContain("s3cr3t")
      expect(logged?.annotations.failure).toBe(id === "boom" ? "defect" : "NobodyMapsThis")
    })
  })
})

describe("routing", () => {
  const { app } = sampleApp()

  it("answers an unknown route with a 404 problem", async () => {
    const response = await app.request("/v1/nothing-here")
    expect(response.status).toBe(404)
    expect(await problemOf(response)).toMatchObject({
      type: "https://portcullis.dev/problems/route-not-found",
      // A path that matches no route is shown by its shape: any unknown segment may be a secret.
      instance: "/v1/:segment",
    })
  })

  it("answers a known path with the wrong method with 405 and Allow", async () => {
    const response = await app.request("/v1/things", { method: "DELETE" })
    expect(response.status).toBe(405)
    expect(response.headers.get("allow")).toBe("POST")
    expect(await problemOf(response)).toMatchObject({
      type: "https://portcullis.dev/problems/method-not-allowed",
    })
  })

  it("does not turn a handler's own 404 into a 405", async () => {
    expect((await app.request("/v1/things/missing")).status).toBe(404)
  })
})

describe("/healthz", () => {
  it("answers 200 with the checks when healthy", async () => {
    const { app } = sampleApp()
    const response = await app.request("/healthz")
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: "ok", checks: { database: "ok" } })
  })

  it("answers 503 when a check fails", async () => {
    const { app } = sampleApp({ health: Effect.succeed({ ok: false, checks: { database: "unreachable" } }) })
    const response = await app.request("/healthz")
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({ status: "unavailable", checks: { database: "unreachable" } })
  })

  it("answers 503, not 500, when the health check itself crashes", async () => {
    const { app } = sampleApp({ health: Effect.die(new Error("driver exploded")) })
    const response = await app.request("/healthz")
    expect(response.status).toBe(503)
    expect(JSON.stringify(await response.json())).not.toContain("exploded")
  })
})

describe("answers a route does not publish", () => {
  const answering = (path: string, result: { status: number; body?: unknown }) =>
    defineRoute({
      method: "GET",
      path,
      summary: "Answers what it does not declare",
      auth: "none",
      responses: { 204: { description: "Nothing" } },
      failures: {},
      handler: () => Effect.succeed(result),
    })
  const feature = defineFeature({
    name: "sloppy",
    routes: [
      answering("/v1/sloppy/status", { status: 200 }),
      answering("/v1/sloppy/body", { status: 204, body: { secret: "s3cr3t" } }),
    ],
    problems: {},
  })

  it.each(["status", "body"])("an undeclared %s is a bug: 500, logged", async (what) => {
    const { app, logs } = sampleApp({ features: [feature] })
    const response = await app.request(`/v1/sloppy/${what}`)
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain("s3cr3t")
    await vi.waitFor(() => {
      const logged = logs.find((line) => line.message === "request failed")
      expect(logged?.cause).toContain("UndeclaredResponse")
    })
  })
})
