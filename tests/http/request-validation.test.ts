import { describe, expect, it } from "vitest"
import { postJson, sampleApp, validThing } from "./sample-app.js"

const { app } = sampleApp()

const expectProblem = async (response: Response, status: number, slug: string) => {
  expect(response.status).toBe(status)
  expect(response.headers.get("content-type")).toBe("application/problem+json")
  const body = (await response.json()) as Record<string, unknown>
  expect(body).toMatchObject({ type: `https://portcullis.dev/problems/${slug}`, status })
  expect(body.requestId).toBe(response.headers.get("x-request-id"))
  return body
}

describe("request bodies", () => {
  it("decodes a valid body, runs the handler and encodes the response with its schema", async () => {
    const response = await app.request("/v1/things", postJson(JSON.stringify(validThing)))
    expect(response.status).toBe(201)
    expect(response.headers.get("location")).toBe("/v1/things/t-1")
    const body = await response.json()
    expect(body).toEqual({ id: "t-1", name: "widget", requestId: response.headers.get("x-request-id") })
  })

  it("accepts a charset parameter on application/json", async () => {
    const init = postJson(JSON.stringify(validThing), { "content-type": "Application/JSON; charset=utf-8" })
    expect((await app.request("/v1/things", init)).status).toBe(201)
  })

  it("answers malformed JSON with 400", async () => {
    await expectProblem(await app.request("/v1/things", postJson('{"name": ')), 400, "malformed-json")
    await expectProblem(await app.request("/v1/things", postJson("")), 400, "malformed-json")
  })

  it("answers a body that is not application/json with 415", async () => {
    const asText = {
      method: "POST",
      body: JSON.stringify(validThing),
      headers: { "content-type": "text/plain" },
    }
    await expectProblem(await app.request("/v1/things", asText), 415, "unsupported-media-type")
    const untyped = { method: "POST", body: JSON.stringify(validThing) }
    await expectProblem(
      await app.request("/v1/things", { ...untyped, headers: {} }),
      415,
      "unsupported-media-type",
    )
  })

  it("answers a body over the limit with 413, whether or not Content-Length is declared", async () => {
    const { app: small } = sampleApp({ bodyLimitBytes: 1024 })
    const big = JSON.stringify({ ...validThing, name: "x".repeat(2048) })
    await expectProblem(await small.request("/v1/things", postJson(big)), 413, "payload-too-large")
    const declared = postJson(big, { "content-length": String(big.length) })
    await expectProblem(await small.request("/v1/things", declared), 413, "payload-too-large")
  })

  it("limits bodies to 64 KiB by default", async () => {
    const big = JSON.stringify({ ...validThing, name: "x".repeat(65 * 1024) })
    await expectProblem(await app.request("/v1/things", postJson(big)), 413, "payload-too-large")
  })
})

describe("validation", () => {
  it("lists every invalid body field with its JSON pointer and reason, without echoing values", async () => {
    const invalid = { name: "", quantity: -1.5, email: "hunter2-not-an-email", tags: ["ok", 7], extra: true }
    const body = await expectProblem(
      await app.request("/v1/things", postJson(JSON.stringify(invalid))),
      422,
      "validation-failed",
    )
    const errors = body.errors as Array<{ in: string; field: string; reason: string }>
    expect(errors.map((error) => error.field).sort()).toEqual([
      "/email",
      "/extra",
      "/name",
      "/quantity",
      "/tags/1",
    ])
    expect(errors.every((error) => error.in === "body" && error.reason.length > 0)).toBe(true)
    expect(JSON.stringify(body)).not.toContain("hunter2")
  })

  it("lists missing fields and a body of the wrong type", async () => {
    const missing = await app.request("/v1/things", postJson("{}"))
    const errors = ((await missing.json()) as { errors: Array<{ field: string; reason: string }> }).errors
    expect(errors.map((error) => error.field).sort()).toEqual(["/email", "/name", "/quantity", "/tags"])
    const notAnObject = await app.request("/v1/things", postJson("[1, 2]"))
    const root = (await expectProblem(notAnObject, 422, "validation-failed")).errors
    expect(root).toEqual([expect.objectContaining({ in: "body", field: "" })])
  })

  it("reports path and query errors together", async () => {
    const response = await app.request("/v1/things/NOT_VALID?verbose=maybe")
    const body = await expectProblem(response, 422, "validation-failed")
    expect(body.errors).toEqual([
      expect.objectContaining({ in: "path", field: "/id" }),
      expect.objectContaining({ in: "query", field: "/verbose" }),
    ])
  })

  it("decodes path and query parameters", async () => {
    const response = await app.request("/v1/things/abc?verbose=true&_=123")
    expect(await response.json()).toMatchObject({ id: "abc", name: "verbose" })
  })

  it("never answers bad input with a 500", async () => {
    const hostile: Array<[string, RequestInit?]> = [
      ["/v1/things", postJson('{"__proto__": {"polluted": true}, "constructor": {}}')],
      ["/v1/things", postJson("9".repeat(5000))],
      ["/v1/things", postJson("[".repeat(20_000))],
      ["/v1/things", postJson('"\\ud800"')],
      ["/v1/things", postJson("null")],
      [
        "/v1/things",
        {
          method: "POST",
          body: new Uint8Array([0xff, 0xfe, 0x00]),
          headers: { "content-type": "application/json" },
        },
      ],
      ["/v1/things/%E0%A4%A"],
      ["/v1/things/abc?verbose=%ZZ"],
      ["/v1/things/abc?verbose=true&verbose=false"],
      [`/v1/things/${"a".repeat(10_000)}`],
      ["/%00"],
    ]
    for (const [path, init] of hostile) {
      const response = await app.request(path, init)
      expect(response.status, path).toBeLessThan(500)
      expect(response.headers.get("x-request-id")).toBeTruthy()
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
