import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { customerApp, json, registration } from "./customer-app.js"

// The portal's forms as a browser without JavaScript sends them: plain urlencoded posts.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ")

const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1]

const form = (fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
  body: new URLSearchParams(fields).toString(),
})

const account = async () => {
  const [key] = await server.issue()
  const body = registration(key!)
  expect((await server.app.request("/v1/accounts", json("POST", body))).status).toBe(201)
  return body
}

describe("portal forms without JavaScript", () => {
  it("signs in with a plain form post carrying the page's CSRF token", async () => {
    const { loginId, password } = await account()
    const page = await server.app.request("/login")
    expect(page.status).toBe(200)
    const cookie = cookiesOf(page)
    const token = tokenIn(await page.text())
    expect(token).toBeDefined()
    const signedIn = await server.app.request("/login", form({ _csrf: token!, loginId, password }, cookie))
    expect(signedIn.status).toBe(303)
    const session = signedIn.headers.getSetCookie().find((line) => line.startsWith("portcullis-session="))
    // Never readable by script, never sent by another site's form post or sub-request.
    expect(session).toMatch(/; HttpOnly/i)
    expect(session).toMatch(/; SameSite=Lax/i)
    expect(session).toMatch(/; Path=\//i)
  })

  it("refuses a form without the token, with a wrong one, or from another site, and signs nobody in", async () => {
    const { loginId, password } = await account()
    const page = await server.app.request("/login")
    const cookie = cookiesOf(page)
    const token = tokenIn(await page.text())!
    const refusals = [
      form({ loginId, password }, cookie),
      form({ _csrf: `${token.slice(0, -1)}${token.endsWith("0") ? "1" : "0"}`, loginId, password }, cookie),
      // The right token, but without the cookie it belongs to (another browser's token).
      form({ _csrf: token, loginId, password }, ""),
      form({ _csrf: token, loginId, password }, cookie, { origin: "https://evil.example" }),
      form({ _csrf: token, loginId, password }, cookie, { "sec-fetch-site": "cross-site" }),
    ]
    for (const init of refusals) {
      const response = await server.app.request("/login", init)
      expect(response.status).toBe(403)
      expect(response.headers.get("content-type")).toMatch(/text\/html/)
      expect(await response.text()).toContain("フォームの有効期限が切れたか")
      expect(response.headers.getSetCookie().some((line) => line.startsWith("portcullis-session="))).toBe(
        false,
      )
    }
  })

  it("serves every page with a CSP that allows no inline script without this response's nonce", async () => {
    const response = await server.app.request("/login")
    const policy = response.headers.get("content-security-policy") ?? ""
    const nonce = policy.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeDefined()
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toContain("unsafe-inline")
    const html = await response.text()
    for (const script of html.match(/<script[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`)
    expect(html).not.toMatch(/<script[^>]*src="https?:/)
    // A second response has another nonce.
    const again = (await server.app.request("/login")).headers.get("content-security-policy")
    expect(again).not.toContain(nonce)
  })

  it("answers an unknown page with an HTML 404, and an unknown API path with problem+json", async () => {
    const page = await server.app.request("/no-such-page")
    expect(page.status).toBe(404)
    expect(page.headers.get("content-type")).toMatch(/text\/html/)
    const api = await server.app.request("/v1/no-such-route")
    expect(api.status).toBe(404)
    expect(api.headers.get("content-type")).toBe("application/problem+json")
  })
})
