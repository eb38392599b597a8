import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerApp, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())

const { call, registerAndLogin } = callsTo(() => app)

const post = (body: unknown, headers: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
})

const login = (form: { loginId: string; password: string }) =>
  call("/v1/sessions", post({ loginId: form.loginId, password: form.password }, {}))

describe("Idempotency-Key on registration", () => {
  it("answers the same key and body with the first answer, and creates one account", async () => {
    const [key] = await app.issue()
    const form = registration(key!)
    const first = await call("/v1/accounts", post(form, { "idempotency-key": "reg-1" }))
    const again = await call("/v1/accounts", post(form, { "idempotency-key": "reg-1" }))
    expect(first.status).toBe(201)
    expect(again.status).toBe(first.status)
    expect(again.body).toEqual(first.body)
    expect(again.headers.get("location")).toBe(first.headers.get("location"))
    // Without the key the same body is evaluated again, and the key is taken by the one account.
    const unkeyed = await call("/v1/accounts", post(form, {}))
    expect(unkeyed.status).toBe(409)
    const session = await login(form)
    expect(session.status).toBe(201)
    expect(session.body.accountId).toBe(first.body.accountId)
  })

  it("refuses the same key with another body: 409 idempotency-key-reused, nothing created", async () => {
    const [key, other] = await app.issue(2)
    const form = registration(key!)
    expect((await call("/v1/accounts", post(form, { "idempotency-key": "reg-2" }))).status).toBe(201)
    const otherForm = registration(other!)
    const reused = await call("/v1/accounts", post(otherForm, { "idempotency-key": "reg-2" }))
    expect(reused.status).toBe(409)
    expect(reused.body.type).toMatch(/idempotency-key-reused$/)
    expect((await login(otherForm)).status).toBe(401)
  })

  it("runs requests with different keys each on their own", async () => {
    const [key, other] = await app.issue(2)
    const first = await call("/v1/accounts", post(registration(key!), { "idempotency-key": "reg-3a" }))
    const second = await call("/v1/accounts", post(registration(other!), { "idempotency-key": "reg-3b" }))
    expect([first.status, second.status]).toEqual([201, 201])
    expect(second.body.accountId).not.toBe(first.body.accountId)
  })

  it("refuses a key that is empty, too long or not visible ASCII", async () => {
    const [key] = await app.issue()
    for (const bad of ["", "x".repeat(256), "has space"]) {
      const response = await call("/v1/accounts", post(registration(key!), { "idempotency-key": bad }))
      expect(response.status, JSON.stringify(bad)).toBe(400)
      expect(response.body.type).toMatch(/invalid-idempotency-key$/)
    }
  })
})

describe("Idempotency-Key on adding a licence", () => {
  it("replays the first answer, refuses another key's body under it, and scopes keys to the account", async () => {
    const owner = await registerAndLogin()
    const [extra, another] = await app.issue(2)
    const auth = { authorization: `Bearer ${owner.token}`, "idempotency-key": "add-1" }
    const body = { licenseKey: extra, acceptEula: true }
    const first = await call("/v1/licenses", post(body, auth))
    const again = await call("/v1/licenses", post(body, auth))
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    // Another key for the same body is a new request: the key is already this account's.
    const fresh = await call("/v1/licenses", post(body, { ...auth, "idempotency-key": "add-2" }))
    expect(fresh.status).toBe(200)
    const reused = await call("/v1/licenses", post({ licenseKey: another, acceptEula: true }, auth))
    expect(reused.status).toBe(409)
    expect(reused.body.type).toMatch(/idempotency-key-reused$/)
    // Another account's "add-1" is its own.
    const stranger = await registerAndLogin()
    const theirs = await call(
      "/v1/licenses",
      post(
        { licenseKey: another, acceptEula: true },
        { authorization: `Bearer ${stranger.token}`, "idempotency-key": "add-1" },
      ),
    )
    expect(theirs.status).toBe(201)
  })
})
