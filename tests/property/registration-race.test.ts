import { Effect, FastCheck as fc } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AccountDirectory } from "../../application/accounts/account-directory.js"
import { customerApp, json, registration } from "../http/customer-app.js"

// Registrations racing over a few keys and a few login IDs: whatever the interleaving, a key and a
// login ID each end up in at most one account, and every 201 is an account with exactly its key.
describe("racing registrations", () => {
  let api: Awaited<ReturnType<typeof customerApp>>
  beforeAll(async () => {
    api = await customerApp()
  })
  afterAll(() => api.close())

  const accounts = () =>
    api.runtime.runPromise(
      Effect.flatMap(AccountDirectory, (d) => Effect.map(d.list({ limit: 10_000 }), (page) => page.items)),
    )

  it("never register a key or a login ID twice, and leave no account without its key", async () => {
    let round = 0
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ key: fc.nat(2), login: fc.nat(3) }), { minLength: 2, maxLength: 8 }),
        async (keyCount, racers) => {
          round++
          const keys = await api.issue(keyCount)
          const forms = racers.map((r) =>
            registration(keys[r.key % keyCount]!, { loginId: `race${round}_${r.login}` }),
          )
          const before = (await accounts()).length
          const results = await Promise.all(
            forms.map(async (form) => {
              const response = await api.app.request("/v1/accounts", json("POST", form))
              return { form, status: response.status }
            }),
          )
          expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true)
          const winners = results.filter((r) => r.status === 201).map((r) => r.form)
          expect(new Set(winners.map((f) => f.licenseKey)).size).toBe(winners.length)
          expect(new Set(winners.map((f) => f.loginId.toLowerCase())).size).toBe(winners.length)
          // Some registration wins for every key that was raced for with a free login ID.
          expect(winners.length).toBeGreaterThan(0)
          expect((await accounts()).length).toBe(before + winners.length)
          for (const winner of winners) {
            const login = await api.app.request(
              "/v1/sessions",
              json("POST", { loginId: winner.loginId, password: winner.password }),
            )
            const { token } = (await login.json()) as { token: string }
            const listed = await api.app.request("/v1/licenses", {
              headers: { authorization: `Bearer ${token}` },
            })
            const { licenses } = (await listed.json()) as { licenses: Array<{ licenseKey: string }> }
            expect(licenses.map((l) => l.licenseKey)).toEqual([winner.licenseKey])
          }
        },
      ),
      { numRuns: 6 },
    )
  })
})
