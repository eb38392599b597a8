import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { postgres } from "../support/stores.js"
import { customerApp, json, registration } from "./customer-app.js"

type App = Awaited<ReturnType<typeof customerApp>>

// Five free failures, and the sixth is evaluated before its wait begins: at most six wrong
// passwords may ever be checked, however many arrive at once.
const evaluatedAtMost = 6

/** An account on `apps[0]`, then 100 wrong passwords for it at once, spread over the apps. */
const wrongPasswordsAtOnce = async (apps: ReadonlyArray<App>) => {
  const [key] = await apps[0]!.issue()
  const form = registration(key!)
  expect((await apps[0]!.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
  const responses = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      apps[i % apps.length]!.app.request(
        "/v1/sessions",
        json("POST", { loginId: form.loginId, password: `Wrong${i}Password` }),
      ),
    ),
  )
  const statuses = responses.map((r) => r.status)
  return { form, evaluated: statuses.filter((s) => s === 401).length, statuses }
}

describe("the login throttle under parallel wrong passwords", () => {
  it("on SQLite, evaluates at most the allowed number, and refuses the rest with 429", async () => {
    const api = await customerApp()
    try {
      const { evaluated, statuses } = await wrongPasswordsAtOnce([api])
      expect(evaluated).toBeGreaterThan(0)
      expect(evaluated).toBeLessThanOrEqual(evaluatedAtMost)
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    } finally {
      await api.close()
    }
  })

  it("on SQLite, checks the password given again before a 2FA change no more often either", async () => {
    const api = await customerApp()
    try {
      const [key] = await api.issue()
      const form = registration(key!)
      expect((await api.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
      const login = await api.app.request(
        "/v1/sessions",
        json("POST", { loginId: form.loginId, password: form.password }),
      )
      const { token } = (await login.json()) as { token: string }
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api.app.request(
            "/v1/account/two-factor/recovery-codes",
            json("POST", { password: `Wrong${i}Password` }, token),
          ),
        ),
      )
      const statuses = responses.map((r) => r.status)
      const evaluated = statuses.filter((s) => s === 403).length
      expect(evaluated).toBeGreaterThan(0)
      expect(evaluated).toBeLessThanOrEqual(evaluatedAtMost)
      expect(statuses.every((s) => s === 403 || s === 429)).toBe(true)
    } finally {
      await api.close()
    }
  })

  describe("on two instances sharing one PostgreSQL database", () => {
    let apps: Array<App> = []
    let dispose: () => Promise<void>
    beforeAll(async () => {
      const fresh = await postgres.fresh()
      dispose = fresh.dispose
      const secretKey = randomBytes(32).toString("base64")
      apps = [await customerApp({ databaseUrl: fresh.url, secretKey })]
      apps.push(await customerApp({ databaseUrl: fresh.url, secretKey }))
    })
    afterAll(async () => {
      for (const app of apps) await app.close()
      await dispose()
    })

    it("evaluates at most the allowed number across both, and refuses the rest with 429", async () => {
      const { evaluated, statuses } = await wrongPasswordsAtOnce(apps)
      expect(evaluated).toBeGreaterThan(0)
      expect(evaluated).toBeLessThanOrEqual(evaluatedAtMost)
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
    })
  })
})
