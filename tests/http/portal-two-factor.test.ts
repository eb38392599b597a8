import { Effect } from "effect"
import * as OTPAuth from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { accountThrottleKey } from "../../application/accounts/sessions.js"
import { Throttle } from "../../application/platform/throttle.js"
import { customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// The portal's 2FA pages as a browser without JavaScript meets them: what the browser test cannot
// see (headers, cookies, status codes), and the lock after wrong codes.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())
const { call, registerAndLogin } = callsTo(() => server)

/** A browser's cookies: what the portal set, sent back on the next request. */
const cookieJar = () => {
  const jar = new Map<string, string>()
  return {
    take: (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";")
        const [name, value] = pair!.split("=") as [string, string]
        if (value === "" || /max-age=0/i.test(line)) jar.delete(name)
        else jar.set(name, value)
      }
      return response
    },
    has: (name: string) => jar.has(name),
    header: () => [...jar].map(([name, value]) => `${name}=${value}`).join("; "),
    set: (name: string, value: string) => jar.set(name, value),
  }
}

const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)![1]!

/** A browser on the portal: GET and form POSTs with its cookies and the CSRF token of its pages. */
const browser = async () => {
  const cookies = cookieJar()
  const csrf = tokenIn(await cookies.take(await server.app.request("/login")).text())
  const get = async (path: string) =>
    cookies.take(await server.app.request(path, { headers: { cookie: cookies.header() } }))
  const post = async (path: string, fields: Record<string, string>) =>
    cookies.take(
      await server.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
    )
  return { cookies, get, post }
}

const mailedCode = async (email: string, digits: number) => {
  await server.deliverMail()
  const mails = await Effect.runPromise(listMail(server.outboxDir))
  const newest = [...mails].reverse().find((mail) => mail.to.includes(email))!
  const { text } = await Effect.runPromise(showMail(server.outboxDir, newest.id))
  const code = new RegExp(`(?<!\\d)(\\d{${digits}})(?!\\d)`).exec(text)![1]!
  server.noteSecret(code)
  return code
}

/** The set-up through the JSON API, up to the app's first code. */
const startSetUp = async (token: string, email: string) => {
  expect((await call("/v1/account/two-factor/verification-email", json("POST", {}, token))).status).toBe(202)
  const emailCode = await mailedCode(email, 6)
  const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
  expect(enrolled.status).toBe(201)
  return enrolled.body as { secret: string; otpauthUri: string }
}

describe("the portal's 2FA pages without JavaScript", () => {
  it("serves the set-up's QR code to its signed-in owner only, as a PNG that no cache keeps", async () => {
    const { form, token } = await registerAndLogin()
    const owner = await browser()
    expect((await owner.post("/login", { loginId: form.loginId, password: form.password })).status).toBe(303)

    const anonymous = await server.app.request("/two-factor/setup/qr.png")
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?next=%2Ftwo-factor%2Fsetup%2Fqr\.png/)
    // No set-up waiting for its first code: no QR code.
    expect((await owner.get("/two-factor/setup/qr.png")).status).toBe(404)
    expect((await owner.get("/two-factor/setup/app")).headers.get("location")).toBe("/two-factor/setup")

    const { secret } = await startSetUp(token, form.user.email)
    const qr = await owner.get("/two-factor/setup/qr.png")
    expect(qr.status).toBe(200)
    expect(qr.headers.get("content-type")).toBe("image/png")
    expect(qr.headers.get("cache-control")).toBe("no-store")
    expect([...new Uint8Array(await qr.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    // Another account's session sees no set-up of its own, and so no image.
    const other = await registerAndLogin()
    const stranger = await browser()
    await stranger.post("/login", { loginId: other.form.loginId, password: other.form.password })
    expect((await stranger.get("/two-factor/setup/qr.png")).status).toBe(404)

    // The QR code and the secret as text appear only when asked for (「QRコードを表示する」).
    const hidden = await (await owner.get("/two-factor/setup/app")).text()
    expect(hidden).not.toContain("qr.png")
    expect(hidden).not.toContain(secret)
    const shown = await owner.get("/two-factor/setup/app?qr=1")
    expect(shown.headers.get("cache-control")).toBe("no-store")
    const page = await shown.text()
    expect(page).toContain('src="/two-factor/setup/qr.png"')
    expect(page).toContain(secret)
  })

  it("sends a browser that has not passed the password step to sign in, and clears a challenge that ended", async () => {
    const visitor = await browser()
    const page = await visitor.get("/login/two-factor?next=%2Fcompany")
    expect(page.status).toBe(303)
    expect(page.headers.get("location")).toBe("/login?next=%2Fcompany")

    visitor.cookies.set("portcullis-challenge", "no-account.made-up")
    const ended = await visitor.get("/login/two-factor/emergency")
    expect(ended.status).toBe(410)
    expect(await ended.text()).toContain("このログインの有効期限が切れました。")
    expect(visitor.cookies.has("portcullis-challenge")).toBe(false)
  })

  it("locks the login after five wrong codes; until the lock ends the password alone is told to wait", async () => {
    const { form, token } = await registerAndLogin()
    const { otpauthUri } = await startSetUp(token, form.user.email)
    const totp = OTPAuth.URI.parse(otpauthUri) as OTPAuth.TOTP
    const now = Math.floor(Date.now() / 30_000)
    expect(
      (await call("/v1/account/two-factor/activation", json("POST", { code: totp.generate() }, token)))
        .status,
    ).toBe(200)

    const user = await browser()
    const signedIn = await user.post("/login", { loginId: form.loginId, password: form.password })
    expect(signedIn.headers.get("location")).toBe("/login/two-factor")
    expect(user.cookies.has("portcullis-challenge")).toBe(true)
    const wrong = totp.generate({ timestamp: (now - 10) * 30_000 })
    const statuses: Array<number> = []
    let last = ""
    for (let i = 0; i < 5; i++) {
      const answer = await user.post("/login/two-factor", { code: wrong })
      statuses.push(answer.status)
      last = await answer.text()
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    expect(last).toContain("試行回数が上限に達しました。")
    expect(user.cookies.has("portcullis-challenge")).toBe(false)
    expect(user.cookies.has("portcullis-session")).toBe(false)

    // The account's login throttle lets the next try through after a short wait; the challenge's
    // lock holds for fifteen minutes. The password's answer says to wait, as the code page did.
    await server.runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Throttle).clear(yield* accountThrottleKey(form.loginId))
      }),
    )
    const again = await user.post("/login", { loginId: form.loginId, password: form.password })
    expect(again.status).toBe(429)
    expect(await again.text()).toContain("試行回数が上限に達しました。")
    expect(user.cookies.has("portcullis-challenge")).toBe(false)
  })
})
