// A product's status over HTTP: what an app or the portal asks to learn when a product ends and what
// replaces it. Open to anyone (the catalogue is public), a problem for a product not in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { customerApp, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())

const { call, registerAndLogin } = callsTo(() => app)
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
    const missing = await call("/v1/products/products/status")
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ type: expect.stringContaining("product-not-found") })
  })

  it("refuses an ended product's keys for registration and for adding, naming the successor", async () => {
    const [pmKey, pmKey2] = await app.issue(2, { productId: "password-manager", packageId: "annual" })
    const [idpKey] = await app.issue(1, { productId: "id-protection", packageId: "annual" })
    const { token } = await registerAndLogin()
    const endsAt = instantFromMillis(Date.now() + 1500)
    await app.runtime.runPromise(
      scheduleSunset("business-security-services", { endsAt, successor: "cloud-app-security" }, operator),
    )
    // Another product's end changes nothing for these keys.
    const beforeEnd = await call("/v1/licenses", json("POST", { licenseKey: pmKey, acceptEula: true }, token))
    expect(beforeEnd.status).toBe(201)
    const pmEndsAt = instantFromMillis(Date.now() + 1500)
    // Moves the end scheduled by the first test to a moment from now.
    await app.runtime.runPromise(
      scheduleSunset("password-manager", { endsAt: pmEndsAt, successor: "id-protection" }, operator),
    )
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(pmEndsAt) - Date.now() + 50)))
    const added = await call("/v1/licenses", json("POST", { licenseKey: pmKey2, acceptEula: true }, token))
    expect(added.status).toBe(410)
    expect(added.body).toMatchObject({
      type: expect.stringContaining("service-ended"),
      productId: "password-manager",
      successor: "id-protection",
    })
    const registered = await call("/v1/accounts", json("POST", registration(pmKey2!)))
    expect(registered.status).toBe(410)
    // The key is left as it was: still unregistered, and the successor's keys register.
    expect(
      (await call("/v1/licenses", json("POST", { licenseKey: idpKey, acceptEula: true }, token))).status,
    ).toBe(201)
  })
})
