import { describe, expect, it } from "vitest"
import { sampleApp } from "./sample-app.js"

const allowed = "https://app.example.com"

const preflight = (origin: string) => ({
  method: "OPTIONS",
  headers: {
    origin,
    "access-control-request-method": "POST",
    "access-control-request-headers": "content-type, idempotency-key",
  },
})

describe("CORS", () => {
  it("is off by default: no CORS headers, and a preflight is not answered as one", async () => {
    const { app } = sampleApp()
    const response = await app.request("/v1/things/abc", { headers: { origin: allowed } })
    expect(response.headers.get("access-control-allow-origin")).toBeNull()
    const options = await app.request("/v1/things", preflight(allowed))
    expect(options.headers.get("access-control-allow-origin")).toBeNull()
    expect(options.headers.get("access-control-allow-methods")).toBeNull()
  })

  it("answers a listed origin's preflight with the methods and headers a client sends", async () => {
    const { app } = sampleApp({ corsOrigins: [allowed] })
    const response = await app.request("/v1/things", preflight(allowed))
    expect(response.status).toBe(204)
    expect(response.headers.get("access-control-allow-origin")).toBe(allowed)
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH")
    const headers = response.headers.get("access-control-allow-headers") ?? ""
    for (const name of ["authorization", "content-type", "idempotency-key", "if-match", "vault-key-proof"]) {
      expect(headers).toContain(name)
    }
    expect(response.headers.get("vary")).toContain("Origin")
  })

  it("lets a listed origin read the headers clients need, on successes and problems alike", async () => {
    const { app } = sampleApp({ corsOrigins: [allowed] })
    for (const path of ["/v1/things/abc", "/v1/nothing"]) {
      const response = await app.request(path, { headers: { origin: allowed } })
      expect(response.headers.get("access-control-allow-origin"), path).toBe(allowed)
      const exposed = (response.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(",")
      expect(exposed).toEqual(
        expect.arrayContaining([
          "x-request-id",
          "etag",
          "retry-after",
          "location",
          "ratelimit",
          "ratelimit-policy",
        ]),
      )
      expect(response.headers.get("x-request-id")).not.toBeNull()
    }
  })

  it("never allows an origin that is not listed, nor a near miss of one", async () => {
    const { app } = sampleApp({ corsOrigins: [allowed] })
    for (const origin of [
      "https://evil.example",
      "https://app.example.com.evil.example",
      "http://app.example.com",
    ]) {
      const response = await app.request("/v1/things", preflight(origin))
      expect(response.headers.get("access-control-allow-origin"), origin).toBeNull()
      const read = await app.request("/v1/things/abc", { headers: { origin } })
      expect(read.headers.get("access-control-allow-origin"), origin).toBeNull()
    }
  })
})
