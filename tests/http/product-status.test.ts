// A product's status over HTTP: what an app or the portal asks to learn when a product ends and what
// replaces it. Open to anyone (the catalogue is public), a problem for a product not in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())

const { call } = callsTo(() => app)
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }

describe("product status", () => {
  it("says a product is active, then when it ends and what to move to", async () => {
    expect((await call("/v1/products/password-manager/status")).body).toEqual({
      productId: "password-manager",
      names: expect.objectContaining({ en: expect.any(String) }),
      phase: "active",
    })
    const endsAt = instantFromMillis(Date.now() + 24 * 60 * 60 * 1000)
    await app.runtime.runPromise(
      scheduleSunset("password-manager", { endsAt, successor: "id-protection" }, operator),
    )
    const scheduled = await call("/v1/products/password-manager/status")
    expect(scheduled.status).toBe(200)
    expect(scheduled.body).toMatchObject({
      phase: "sunset-scheduled",
      endsAt,
      successor: "id-protection",
      successorNames: { ja: expect.stringContaining("ID"), en: expect.stringContaining("ID") },
    })
  })

  it("answers a product not in the catalogue with a problem", async () => {
    const missing = await call("/v1/products/no-such-product/status")
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ type: expect.stringContaining("product-not-found") })
    expect((await call("/v1/products/Not_Valid!/status")).status).toBe(422)
  })
})
