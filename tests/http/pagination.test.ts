import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())

const { call, registerAndLogin } = callsTo(() => app)

describe("cursor pagination", () => {
  it("pages the licence list with limit and after, the first page kept as before", async () => {
    const { token } = await registerAndLogin()
    for (const key of await app.issue(2)) {
      expect(
        (await call("/v1/licenses", json("POST", { licenseKey: key, acceptEula: true }, token))).status,
      ).toBe(201)
    }
    const auth = { headers: { authorization: `Bearer ${token}` } }
    const whole = await call("/v1/licenses", auth)
    expect(whole.body).toMatchObject({ hasMore: false, next: null })
    expect(whole.body.licenses).toHaveLength(3)
    const ids = whole.body.licenses.map((l: { id: string }) => l.id)

    const first = await call("/v1/licenses?limit=2", auth)
    expect(first.body.licenses.map((l: { id: string }) => l.id)).toEqual(ids.slice(0, 2))
    expect(first.body).toMatchObject({ hasMore: true, next: ids[1] })
    const second = await call(`/v1/licenses?limit=2&after=${encodeURIComponent(first.body.next)}`, auth)
    expect(second.body.licenses.map((l: { id: string }) => l.id)).toEqual(ids.slice(2))
    expect(second.body).toMatchObject({ hasMore: false, next: null })
    // The kept first page answers the same again.
    expect((await call("/v1/licenses", auth)).text).toBe(whole.text)
  })

  it("refuses a cursor that names no item (400) and a limit out of range (422)", async () => {
    const { token } = await registerAndLogin()
    const auth = { headers: { authorization: `Bearer ${token}` } }
    const unknown = await call("/v1/licenses?after=nope", auth)
    expect(unknown.status).toBe(400)
    expect(unknown.body.type).toMatch(/invalid-cursor$/)
    for (const limit of ["0", "101", "two", "1.5"]) {
      expect((await call(`/v1/licenses?limit=${limit}`, auth)).status, limit).toBe(422)
    }
  })

  it("pages the catalogue in the same shape, one product at a time through all of it", async () => {
    const whole = await call("/v1/products")
    expect(whole.body).toMatchObject({ hasMore: false, next: null })
    const seen: Array<string> = []
    let after: string | null = null
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(
        `/v1/products?limit=1${after === null ? "" : `&after=${encodeURIComponent(after)}`}`,
      )
      expect(page.status).toBe(200)
      seen.push(...page.body.products.map((p: { productId: string }) => p.productId))
      after = page.body.next
      expect(page.body.hasMore).toBe(after !== null)
    } while (after !== null)
    expect(seen).toEqual(whole.body.products.map((p: { productId: string }) => p.productId))
    expect(seen.length).toBeGreaterThan(1)
  })
})
