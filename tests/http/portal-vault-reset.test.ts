import { Effect } from "effect"
import * as OTPAuth from "otpauth"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { activateVault, createVaultApi, memoryKeyStore } from "../../apps/vault-client/index.js"
import { customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { signedInPortalBrowser } from "./portal-browser.js"

// 保管庫をリセット as a browser without JavaScript meets it: a form the server reads (no key needed),
// each refusal shown at its field, and then every item gone.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())
const { call, registerAndLogin } = callsTo(() => server)

const product = "id-protection" as const

const signedInBrowser = (form: { loginId: string; password: string }) =>
  signedInPortalBrowser(server.app, form)

/** A vault with one item, made by the client library over the JSON API (as a device would). */
const activatedVault = async (token: string, password: string) => {
  const api = createVaultApi({
    baseUrl: "http://portcullis.test",
    fetch: async (url, init) => server.app.request(url, init),
    headers: { authorization: `Bearer ${token}` },
  })
  const { session } = await activateVault({
    api,
    product,
    password,
    device: { id: crypto.randomUUID(), name: "PC" },
    keyStore: memoryKeyStore(),
  })
  await session.save({ baseVersion: 0, content: { kind: "note", title: "Bank", text: "PIN 4321" } })
  return api
}

const errorAt = (page: string, field: string) => page.match(new RegExp(`id="f-${field}-error">([^<]+)<`))?.[1]

describe("the portal's vault reset without JavaScript", () => {
  it("refuses a form not confirmed, a blank or wrong password, then deletes everything and says so", async () => {
    const { form, token } = await registerAndLogin()
    const api = await activatedVault(token, form.password)
    const user = await signedInBrowser(form)

    const shown = await user.get("/vault/reset")
    expect(shown.status).toBe(200)
    const page = await shown.text()
    expect(page).toContain("保管庫に保存していた全てのデータが削除されます")
    expect(page).toContain('name="confirmation"')
    expect(page).not.toContain('name="code"') // 2FA is off

    const blank = await user.post("/vault/reset", {})
    expect(blank.status).toBe(422)
    const blankPage = await blank.text()
    expect(errorAt(blankPage, "password")).toBe("パスワードを入力してください。")
    expect(errorAt(blankPage, "confirmation")).toBe("「RESET」と入力してください。")

    const notConfirmed = await user.post("/vault/reset", {
      password: form.password,
      confirmation: "reset please",
    })
    expect(notConfirmed.status).toBe(422)
    expect(errorAt(await notConfirmed.text(), "confirmation")).toBe("「RESET」と入力してください。")

    const wrong = await user.post("/vault/reset", { password: "Wrong-password-1", confirmation: "RESET" })
    expect(wrong.status).toBe(403)
    expect(errorAt(await wrong.text(), "password")).toBe("パスワードが正しくありません。")
    expect(await api.status(product)).toMatchObject({ state: "active", itemCount: 1 })

    const reset = await user.post("/vault/reset", { password: form.password, confirmation: " RESET " })
    expect(reset.status).toBe(303)
    expect(reset.headers.get("location")).toBe("/vault/reset?notice=done")
    expect(await (await user.get("/vault/reset?notice=done")).text()).toContain(
      "保管庫のデータはすべて削除されました",
    )
    expect(await api.status(product)).toMatchObject({ state: "reset", itemCount: 0 })

    // Nothing left to reset: the form is not offered; one sent again (a second click) only
    // finishes the erasure, as the API's repeated reset does.
    expect(await (await user.get("/vault/reset")).text()).toContain("保管庫は有効になっていません。")
    const again = await user.post("/vault/reset", { password: form.password, confirmation: "RESET" })
    expect(again.status).toBe(303)
  })

  it("says there is nothing to reset for a vault never activated", async () => {
    const { form } = await registerAndLogin()
    const user = await signedInBrowser(form)
    const shown = await user.get("/vault/reset")
    expect(shown.status).toBe(200)
    const page = await shown.text()
    expect(page).toContain("保管庫は有効になっていません。")
    expect(page).not.toContain('name="confirmation"')
    const sent = await user.post("/vault/reset", { password: form.password, confirmation: "RESET" })
    expect(sent.status).toBe(409)
    expect(await sent.text()).toContain("保管庫は有効になっていません。")
  })

  it("asks for the authenticator app's code while 2FA is on, and refuses a wrong one", async () => {
    const { form, token } = await registerAndLogin()
    const api = await activatedVault(token, form.password)
    const user = await signedInBrowser(form)

    // 2FA on through the JSON API, after this browser signed in.
    expect((await call("/v1/account/two-factor/verification-email", json("POST", {}, token))).status).toBe(
      202,
    )
    await server.deliverMail()
    const mails = await Effect.runPromise(listMail(server.outboxDir))
    const newest = [...mails].reverse().find((mail) => mail.to.includes(form.user.email))!
    const { text } = await Effect.runPromise(showMail(server.outboxDir, newest.id))
    const emailCode = /(?<!\d)(\d{6})(?!\d)/.exec(text)![1]!
    server.noteSecret(emailCode)
    const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
    const totp = OTPAuth.URI.parse(enrolled.body.otpauthUri as string) as OTPAuth.TOTP
    const step = Math.floor(Date.now() / 30_000)
    const activation = { code: totp.generate({ timestamp: step * 30_000 }) }
    expect((await call("/v1/account/two-factor/activation", json("POST", activation, token))).status).toBe(
      200,
    )

    const page = await (await user.get("/vault/reset")).text()
    expect(page).toContain('name="code"')

    const noCode = await user.post("/vault/reset", { password: form.password, confirmation: "RESET" })
    expect(noCode.status).toBe(422)
    expect(errorAt(await noCode.text(), "code")).toBe("確認コードを入力してください。")

    const wrongCode = totp.generate({ timestamp: (step - 10) * 30_000 })
    const wrong = await user.post("/vault/reset", {
      password: form.password,
      code: wrongCode,
      confirmation: "RESET",
    })
    expect(wrong.status).toBe(403)
    expect(errorAt(await wrong.text(), "code")).toMatch(
      /^確認コードが正しくありません。あと\d回入力できます。$/,
    )
    expect(await api.status(product)).toMatchObject({ state: "active", itemCount: 1 })

    // The next step's code (the activation used this one), typed as an input method types it.
    const fresh = totp.generate({ timestamp: (step + 1) * 30_000 })
    const wide = fresh.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    const reset = await user.post("/vault/reset", {
      password: form.password,
      code: wide,
      confirmation: "RESET",
    })
    expect(reset.status).toBe(303)
    expect(await api.status(product)).toMatchObject({ state: "reset", itemCount: 0 })
  })

  it("serves the script screens with the page's CSRF token and a <noscript> notice; the vault opens only once active", async () => {
    const { form, token } = await registerAndLogin()
    const user = await signedInBrowser(form)
    expect((await user.get("/vault/open")).headers.get("location")).toBe("/vault")
    const settings = await (await user.get("/vault")).text()
    expect(settings).toMatch(/<meta name="csrf-token" content="[^"]+"/)
    expect(settings).toContain("<noscript>")
    expect(settings).toContain("保管庫の画面には JavaScript が必要です。")
    expect(settings).toContain('src="/assets/vault-settings.js"')

    await activatedVault(token, form.password)
    const status = await (await user.get("/vault")).text()
    expect(status).toContain("保管庫の状況")
    expect(status).not.toContain("<noscript>")
    const vault = await user.get("/vault/open")
    expect(vault.status).toBe(200)
    const page = await vault.text()
    expect(page).toContain('src="/assets/vault-open.js"')
    expect(page).toContain("<noscript>")
    // The page bundle leaves the kit to its own file, fetched only when a key is shown.
    const bundle = await server.app.request("/assets/vault-open.js")
    expect(bundle.status).toBe(200)
    expect((await bundle.arrayBuffer()).byteLength).toBeLessThan(64 * 1024)
  })
})
