import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) on the throttled routes: every
// answer lists the route's policies, a refusal names the one that refused and when it lets go.
// (Every answer of every HTTP test is also held to `rateLimitMismatch` in published-responses.ts.)

let api: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  api = await customerApp()
})
afterAll(() => api.close())

const { call, registerAndLogin } = callsTo(() => api)

/** `"name";r=0;t=7` → { name, t } */
const refusal = (field: string | null) => {
  const match = /^"([a-z-]+)";r=0;t=(\d+)$/.exec(field ?? "")
  expect(match, `RateLimit: ${field}`).not.toBeNull()
  return { name: match![1], t: Number(match![2]) }
}

/** Sends `send` until it is refused; answers the refusal and how many were answered before it. */
const untilRefused = async (send: () => ReturnType<typeof call>, atMost: number) => {
  const before: Array<Awaited<ReturnType<typeof call>>> = []
  for (let i = 0; i < atMost; i++) {
    const answer = await send()
    if (answer.status === 429) return { refused: answer, before }
    before.push(answer)
  }
  throw new Error(`not refused after ${atMost} requests`)
}

const loginPolicies = '"login-account";q=6;w=3600, "login-address";q=21;w=3600, "login-challenge";q=5;w=600'

describe("RateLimit and RateLimit-Policy", () => {
  it("on logins: the policies on every answer; after the account's six failures, a 429 naming its policy", async () => {
    const { form } = await registerAndLogin()
    const wrong = () =>
      call("/v1/sessions", json("POST", { loginId: form.loginId, password: "Wrong1Password" }))
    const { refused, before } = await untilRefused(wrong, 10)
    // q=6: the five free failures and the one that starts the first wait are all checked.
    expect(before.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 401])
    for (const answer of [...before, refused]) {
      expect(answer.headers.get("ratelimit-policy")).toBe(loginPolicies)
    }
    expect(before.every((answer) => answer.headers.get("ratelimit") === null)).toBe(true)
    expect(refused.body.type).toBe("https://portcullis.dev/problems/rate-limited")
    const { name, t } = refusal(refused.headers.get("ratelimit"))
    expect(name).toBe("login-account")
    expect(t).toBe(Number(refused.headers.get("retry-after")))
    // The wait after the sixth failure of the account's policy: 1 s, doubling to at most 60.
    expect(t).toBeGreaterThanOrEqual(1)
    expect(t).toBeLessThanOrEqual(60)
  })

  it("on password changes: wrong current passwords slow down like logins, so a stolen session cannot guess", async () => {
    const { form, token } = await registerAndLogin()
    const change = { newPassword: "Neue9Passwort", newPasswordConfirmation: "Neue9Passwort" }
    const wrong = () =>
      call("/v1/account/password", json("PUT", { currentPassword: "Wrong1Password", ...change }, token))
    const { refused, before } = await untilRefused(wrong, 10)
    expect(before.map((answer) => answer.status)).toEqual([422, 422, 422, 422, 422, 422])
    expect(refused.headers.get("ratelimit-policy")).toBe('"password-check";q=6;w=3600')
    expect(refusal(refused.headers.get("ratelimit")).name).toBe("password-check")
    // Refused before the password is checked: even the right one waits.
    const right = await call(
      "/v1/account/password",
      json("PUT", { currentPassword: form.password, ...change }, token),
    )
    expect(right.status).toBe(429)
  })

  it("on key previews: thirty a minute per address, then a 429 naming the budget", async () => {
    const [key] = await api.issue()
    const { refused, before } = await untilRefused(() => call(`/v1/license-keys/${key}`), 40)
    expect(before).toHaveLength(30)
    expect(before.every((answer) => answer.status === 200)).toBe(true)
    expect(refused.headers.get("ratelimit-policy")).toBe(
      '"key-preview";q=30;w=60, "key-preview-misses";q=11;w=3600',
    )
    const { name, t } = refusal(refused.headers.get("ratelimit"))
    expect(name).toBe("key-preview")
    expect(t).toBe(Number(refused.headers.get("retry-after")))
    expect(t).toBeLessThanOrEqual(60)
  })

  it("on password-reset requests: five per quarter hour per address", async () => {
    const ask = () => call("/v1/password-resets", json("POST", { loginIdOrEmail: "nobody@example.com" }))
    const { refused, before } = await untilRefused(ask, 10)
    expect(before.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202])
    expect(before[0]!.headers.get("ratelimit-policy")).toBe('"password-reset";q=5;w=900')
    const { name, t } = refusal(refused.headers.get("ratelimit"))
    expect(name).toBe("password-reset")
    expect(t).toBeLessThanOrEqual(900)
  })

  it("on mailed 2FA codes: five verification mails an hour per account", async () => {
    const { token } = await registerAndLogin()
    const send = () => call("/v1/account/two-factor/verification-email", json("POST", {}, token))
    const { refused, before } = await untilRefused(send, 10)
    expect(before.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202])
    expect(refused.headers.get("ratelimit-policy")).toBe('"verification-email";q=5;w=3600')
    expect(refusal(refused.headers.get("ratelimit")).name).toBe("verification-email")
  })

  it("not on routes without a throttle", async () => {
    const { token } = await registerAndLogin()
    for (const answer of [
      await call("/v1/licenses", bearer(token)),
      await call("/v1/products"),
      await call("/v1/account/two-factor", bearer(token)),
    ]) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get("ratelimit-policy")).toBeNull()
      expect(answer.headers.get("ratelimit")).toBeNull()
    }
  })
})
