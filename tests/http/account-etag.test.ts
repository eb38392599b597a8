import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())

const { call, registerAndLogin } = callsTo(() => app)

const put = (body: unknown, token: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "PUT",
  headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
  body: JSON.stringify(body),
})

describe("ETag and If-Match on the account's sections", () => {
  it("gives the account a strong ETag that moves with each change, and the change answers the new one", async () => {
    const { form, token } = await registerAndLogin()
    const read = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    const etag = read.headers.get("etag")
    expect(etag).toMatch(/^"\d+"$/)
    const changed = await call(
      "/v1/account/contractor",
      put({ ...form.contractor, companyName: "新社名株式会社" }, token, { "if-match": etag! }),
    )
    expect(changed.status).toBe(200)
    expect(changed.headers.get("etag")).not.toBe(etag)
    const again = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    expect(again.headers.get("etag")).toBe(changed.headers.get("etag"))
  })

  it("refuses a change made on a stale ETag with 412, and changes nothing", async () => {
    const { form, token } = await registerAndLogin()
    const stale = (await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })).headers.get(
      "etag",
    )!
    const first = await call(
      "/v1/account/user",
      put({ ...form.user, department: "総務部" }, token, { "if-match": stale }),
    )
    expect(first.status).toBe(200)
    const late = await call(
      "/v1/account/user",
      put({ ...form.user, department: "営業部" }, token, { "if-match": stale }),
    )
    expect(late.status).toBe(412)
    expect(late.headers.get("content-type")).toContain("application/problem+json")
    expect(late.body.type).toMatch(/precondition-failed$/)
    const now = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    expect(now.body.user.department).toBe("総務部")
    // A weak tag never matches in If-Match (RFC 9110), even of the current version.
    const weak = `W/${now.headers.get("etag")}`
    const refused = await call(
      "/v1/account/user",
      put({ ...form.user, department: "営業部" }, token, { "if-match": weak }),
    )
    expect(refused.status).toBe(412)
  })

  it("keeps the last change winning without If-Match, or with *", async () => {
    const { form, token } = await registerAndLogin()
    for (const headers of [{}, { "if-match": "*" }]) {
      const changed = await call(
        "/v1/account/support-contact",
        put(
          { ...form.user, ...form.contractor, emergencyContactEmail: "night@example.co.jp" },
          token,
          headers,
        ),
      )
      expect(changed.status, JSON.stringify(headers)).toBe(200)
    }
  })
})
