import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerApp } from "./customer-app.js"

// Key previews are the enumeration surface: misses slow down, then lock out for a while.
describe("key preview limits", () => {
  let api: Awaited<ReturnType<typeof customerApp>>
  beforeAll(async () => {
    api = await customerApp()
  })
  afterAll(() => api.close())

  it("answers misses normally at first, then with 429 and Retry-After, even for a real key", async () => {
    const [real] = await api.issue()
    const statuses: Array<number> = []
    for (let i = 0; i < 12; i++) {
      // Well-formed keys that were never issued: unknown, not mistyped.
      const response = await api.app.request(`/v1/license-keys/${real!.slice(0, 3)}ZZZZ${real!.slice(7)}`)
      statuses.push(response.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 404 || s === 422)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    const locked = await api.app.request(`/v1/license-keys/${real}`)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0)
    // The key is a bearer secret: the problem names the parameter, never the key.
    expect(((await locked.json()) as { instance: string }).instance).toBe("/v1/license-keys/:key")
  })

  it("looks up no more keys sent at once than one by one: ten free misses and the one that starts the wait", async () => {
    // Its own app: the test above has spent this address's misses.
    const fresh = await customerApp()
    const [real] = await fresh.issue()
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        fresh.app.request(`/v1/license-keys/${real!.slice(0, 3)}ZZZZ${real!.slice(7)}`),
      ),
    ).finally(() => fresh.close())
    const looked = responses.filter((r) => r.status === 404 || r.status === 422).length
    expect(looked).toBeGreaterThan(0)
    expect(looked).toBeLessThanOrEqual(11)
    expect(responses.every((r) => r.status !== 200 && r.status < 500)).toBe(true)
  })
})
