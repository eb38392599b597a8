import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { renewLicense } from "../../application/licensing/license-admin.js"
import { postgres } from "../support/stores.js"
import { bearer, customerApp, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// The same API on the multi-instance store: the race and the main path, against the real server.
describe("customer API on PostgreSQL", () => {
  let api: Awaited<ReturnType<typeof customerApp>>
  let dispose: () => Promise<void>
  beforeAll(async () => {
    const fresh = await postgres.fresh()
    dispose = fresh.dispose
    api = await customerApp({ databaseUrl: fresh.url })
  })
  afterAll(async () => {
    await api.close()
    await dispose()
  })

  const { call } = callsTo(() => api)

  it("registers a key once when 20 registrations race for it, and the winner can log in and list it", async () => {
    const [key] = await api.issue()
    const forms = Array.from({ length: 20 }, () => registration(key!))
    const results = await Promise.all(forms.map((form) => call("/v1/accounts", json("POST", form))))
    const winners = results.flatMap((r, i) => (r.status === 201 ? [forms[i]!] : []))
    expect(winners).toHaveLength(1)
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true)
    const login = await call(
      "/v1/sessions",
      json("POST", { loginId: winners[0]!.loginId, password: winners[0]!.password }),
    )
    expect(login.status).toBe(201)
    const licenses = await call("/v1/licenses", bearer(login.body.token))
    expect(licenses.body.licenses.map((l: { licenseKey: string }) => l.licenseKey)).toEqual([key])

    // The kept list gives way to every change, read from PostgreSQL.
    const [second] = await api.issue()
    await call("/v1/licenses", json("POST", { licenseKey: second, acceptEula: true }, login.body.token))
    await api.runtime.runPromise(
      renewLicense(key!, "2020-01-31", { actor: { kind: "operator", id: "test" } }),
    )
    const after = await call("/v1/licenses", bearer(login.body.token))
    expect(
      after.body.licenses.map((l: { licenseKey: string; status: string }) => [l.licenseKey, l.status]),
    ).toEqual([
      [key, "expired"],
      [second, "active"],
    ])
  })
})
