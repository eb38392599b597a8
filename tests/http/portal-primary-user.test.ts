import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { signedInPortalBrowser } from "./portal-browser.js"

// The primary user account's pages as a browser without JavaScript meets them: the statuses of the
// refusals (a resend before the countdown is 429 with the seconds left), and a personal account,
// which has no such step, sent home.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())
const { call, registerAndLogin } = callsTo(() => server)

const mailedCode = async (email: string) => {
  await server.deliverMail()
  const mails = await Effect.runPromise(listMail(server.outboxDir))
  const newest = [...mails].reverse().find((mail) => mail.to.includes(email))!
  const { text } = await Effect.runPromise(showMail(server.outboxDir, newest.id))
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(text)![1]!
  server.noteSecret(code)
  return code
}

describe("the primary user account's pages without JavaScript", () => {
  it("answers each refusal with its status and the step again, and goes on after each step", async () => {
    const { form } = await registerAndLogin()
    const browser = await signedInPortalBrowser(server.app, form)
    const email = `portal.${Date.now()}@test.com`

    const mismatch = await browser.post("/primary-user", { email, emailConfirmation: "other@test.com" })
    expect(mismatch.status).toBe(422)
    expect(await mismatch.text()).toContain("メールアドレスと確認入力が一致しません。")

    const assigned = await browser.post("/primary-user", { email, emailConfirmation: email })
    expect(assigned.status).toBe(303)
    const verify = await (await browser.get("/primary-user")).text()
    expect(verify).toContain("メールアドレスの検証")
    expect(verify).toMatch(/data-countdown="16[0-8]"/)
    expect(verify).toMatch(/ここをクリックして再送信（16[0-8]秒）/)

    const tooSoon = await browser.post("/primary-user/resend", {})
    expect(tooSoon.status).toBe(429)
    expect(await tooSoon.text()).toMatch(/再送信は16[0-8]秒後にできます。/)

    const code = await mailedCode(email)
    const wrong = await browser.post("/primary-user/code", { code: code === "000000" ? "111111" : "000000" })
    expect(wrong.status).toBe(403)
    expect(await wrong.text()).toContain("あと4回入力できます。")
    // Full-width digits from a Japanese input method are the same code.
    const fullWidth = code.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    expect((await browser.post("/primary-user/code", { code: fullWidth })).status).toBe(303)
    expect(await (await browser.get("/primary-user")).text()).toContain("Reset Password")

    const weak = await browser.post("/primary-user/password", {
      currentPassword: form.password,
      newPassword: "short",
      newPasswordConfirmation: "short",
    })
    expect(weak.status).toBe(422)
    const updated = await browser.post("/primary-user/password", {
      currentPassword: form.password,
      newPassword: "Sora3Umi#Kaze",
      newPasswordConfirmation: "Sora3Umi#Kaze",
    })
    expect(updated.status).toBe(303)
    expect(updated.headers.get("location")).toMatch(/^\/primary-user\/updated\?email=/)
    // The session ended with the password update: the page needs it no more, the steps do.
    expect((await browser.get(updated.headers.get("location")!)).status).toBe(200)
    expect((await browser.get("/primary-user")).status).toBe(303)
  })

  it("sends a personal account home, and its API answers not-a-business-account", async () => {
    const [key] = await server.issue(1, { productId: "id-protection", packageId: "annual" })
    const form = {
      licenseKey: key!,
      acceptEula: true,
      email: `hanako.${Date.now()}@example.jp`,
      password: "Kagi2Mori#Tsuki",
      passwordConfirmation: "Kagi2Mori#Tsuki",
    }
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const browser = await signedInPortalBrowser(server.app, { loginId: form.email, password: form.password })
    const page = await browser.get("/primary-user")
    expect(page.status).toBe(303)
    expect(page.headers.get("location")).toBe("/")
    const login = await call("/v1/sessions", json("POST", { loginId: form.email, password: form.password }))
    const status = await call("/v1/account/primary-user", bearer(login.body.token))
    expect(status.status).toBe(409)
    expect(status.body.type).toBe("https://portcullis.dev/problems/not-a-business-account")
  })
})
