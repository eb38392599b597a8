import SQLite from "better-sqlite3"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { twoFactorKit } from "./two-factor-kit.js"

type App = Awaited<ReturnType<typeof customerApp>>

let smtp: SmtpTestServer
let api: App
beforeAll(async () => {
  smtp = await startSmtpTestServer()
  api = await customerApp({ smtpUrl: smtp.url })
})
afterAll(async () => {
  await api.close()
  await smtp.close()
})

const { call, registerAndLogin } = callsTo(() => api)

const { totp, stepNow, mailTo, codeIn, enable, challengeFor } = twoFactorKit(
  () => api,
  () => smtp,
  call,
)

describe("two-factor authentication over HTTP", () => {
  it("sets up with the e-mailed code, the QR code and a current code, then logs in with the app", async () => {
    const { form, token } = await registerAndLogin()
    const before = await call("/v1/account/two-factor", bearer(token))
    expect(before.body).toMatchObject({
      status: "disabled",
      method: null,
      setupInProgress: false,
      registeredEmail: `${form.user.email.slice(0, 3)}*****@***.co.jp`,
    })

    const sent = await call("/v1/account/two-factor/verification-email", json("POST", {}, token))
    expect(sent.status).toBe(202)
    expect(sent.body.sentTo).toBe(before.body.registeredEmail)
    const mailText = await mailTo(form.user.email, /確認コード/)
    const emailCode = codeIn(mailText, 6)!
    const wrongCode = emailCode === "000000" ? "111111" : "000000"
    const wrong = await call(
      "/v1/account/two-factor/enrollment",
      json("POST", { emailCode: wrongCode }, token),
    )
    // Signed in all along: a wrong code is no 401, which clients take for "signed out".
    expect(wrong.status).toBe(403)
    expect(wrong.body).toMatchObject({
      type: "https://portcullis.dev/problems/code-rejected",
      attemptsLeft: 4,
    })
    const malformed = await call(
      "/v1/account/two-factor/enrollment",
      json("POST", { emailCode: "12ab56" }, token),
    )
    expect(malformed.status).toBe(422)

    const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
    expect(enrolled.status).toBe(201)
    expect(enrolled.headers.get("cache-control")).toBe("no-store")
    const secret = (enrolled.body.secret as string).replaceAll(" ", "")
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const uri = new URL(enrolled.body.otpauthUri)
    expect(uri.protocol).toBe("otpauth:")
    expect(uri.searchParams.get("secret")).toBe(secret)
    expect(
      Object.fromEntries(["algorithm", "digits", "period"].map((k) => [k, uri.searchParams.get(k)])),
    ).toEqual({
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    })
    expect(decodeURIComponent(uri.pathname)).toContain(form.loginId)
    // The e-mailed code works once.
    const again = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
    expect(again.status).toBe(409)

    const svg = await call("/v1/account/two-factor/enrollment/qr.svg", bearer(token))
    expect(svg.headers.get("content-type")).toBe("image/svg+xml")
    expect(svg.text).toContain("<svg")
    const png = await call("/v1/account/two-factor/enrollment/qr.png", bearer(token))
    expect(png.headers.get("content-type")).toBe("image/png")
    expect([...png.bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10])
    expect((await call("/v1/account/two-factor", bearer(token))).body.setupInProgress).toBe(true)

    const badActivation = await call(
      "/v1/account/two-factor/activation",
      json("POST", { code: totp(secret, stepNow() + 5) }, token),
    )
    expect(badActivation.status).toBe(403)
    expect(badActivation.body.type).toBe("https://portcullis.dev/problems/code-rejected")
    expect((await call("/v1/account", bearer(token))).status).toBe(200)
    const activatedStep = stepNow()
    const activated = await call(
      "/v1/account/two-factor/activation",
      json("POST", { code: totp(secret, activatedStep) }, token),
    )
    expect(activated.status).toBe(200)
    expect(activated.body.recoveryCodes).toHaveLength(10)
    expect(await mailTo(form.emergencyContactEmail as string, /有効/)).toContain("2要素認証")
    expect((await call("/v1/account/two-factor", bearer(token))).body).toMatchObject({
      status: "enabled",
      method: "authenticator-app",
      recoveryCodesLeft: 10,
    })

    // Login: the password now opens a challenge.
    const challenge = await challengeFor(form)
    const path = `/v1/sessions/challenges/${encodeURIComponent(challenge)}`
    // Paths that match no route (a proxy doubling a slash, a typo) log the id by their shape only:
    // the app's log is searched for every id and code of this test when it closes.
    for (const unmatched of [`/${path}/totp`, `${path}/totp/`, `${path}//totp`, `${path}/%E0%A4%A`]) {
      expect((await call(unmatched, json("POST", { code: "123456" }))).status, unmatched).toBe(404)
    }
    expect((await call(`${path}/totp`, json("POST", { code: "12ab56" }))).status).toBe(422)
    // The step that enabled 2FA, and a stale one, are refused; the next step's code (within the window) logs in.
    expect((await call(`${path}/totp`, json("POST", { code: totp(secret, activatedStep) }))).status).toBe(401)
    expect((await call(`${path}/totp`, json("POST", { code: totp(secret, activatedStep - 2) }))).status).toBe(
      401,
    )
    const session = await call(`${path}/totp`, json("POST", { code: totp(secret, activatedStep + 1) }))
    expect(session.status).toBe(201)
    expect(session.body).toMatchObject({ tokenType: "Bearer", authenticatedWith: "totp" })
    expect((await call("/v1/account", bearer(session.body.token))).status).toBe(200)
    // A challenge answers once, and a used step is never accepted again.
    expect((await call(`${path}/totp`, json("POST", { code: totp(secret, activatedStep + 1) }))).status).toBe(
      404,
    )
    const next = await challengeFor(form)
    const reused = await call(
      `/v1/sessions/challenges/${encodeURIComponent(next)}/totp`,
      json("POST", { code: totp(secret, activatedStep + 1) }),
    )
    expect(reused.status).toBe(401)

    // The secret is nowhere in clear in the database.
    const db = new SQLite(api.databaseFile, { readonly: true })
    const everything = db
      .prepare("select name from sqlite_master where type = 'table'")
      .pluck()
      .all()
      .flatMap((table) =>
        db
          .prepare(`select * from "${String(table)}"`)
          .all()
          .map((row) => JSON.stringify(row)),
      )
      .join("\n")
    db.close()
    expect(everything).not.toContain(secret)
    expect(everything).not.toContain(enrolled.body.secret)
    expect(everything).not.toContain(emailCode)
    for (const code of activated.body.recoveryCodes) expect(everything).not.toContain(code)
    expect(everything).toContain("TwoFactorEnabled")
  })

  it("refuses another account's challenge id, and locks a challenge after five wrong codes", async () => {
    const first = await registerAndLogin()
    const second = await registerAndLogin()
    const { secret } = await enable(first.token, first.form.user.email)
    await enable(second.token, second.form.user.email)
    const challenge = await challengeFor(first.form)
    const [, random] = challenge.split(".")
    const forged = `${second.accountId}.${random}`
    const answer = (id: string, code: string) =>
      call(`/v1/sessions/challenges/${encodeURIComponent(id)}/totp`, json("POST", { code }))
    expect((await answer(forged, totp(secret, stepNow() + 1))).status).toBe(404)
    expect((await answer("made-up", "123456")).status).toBe(404)

    const wrong = totp(secret, stepNow() + 10)
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await answer(challenge, wrong)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    const locked = await answer(challenge, totp(secret, stepNow() + 1))
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0)
    // The lock holds for the account's logins, not only that challenge: the right password cannot
    // start a fresh count.
    const again = await call(
      "/v1/sessions",
      json("POST", { loginId: first.form.loginId, password: first.form.password }),
    )
    expect(again.status).toBe(429)
    // Ids made up for a real account never touch a real login's emergency budget.
    const open = await challengeFor(second.form)
    for (let i = 0; i < 6; i++) {
      const made = await call(
        `/v1/sessions/challenges/${second.accountId}.made-up-${i}/emergency-code`,
        json("POST", {}),
      )
      expect(made.status).toBe(404)
    }
    expect(
      (await call(`/v1/sessions/challenges/${encodeURIComponent(open)}/emergency-code`, json("POST", {})))
        .status,
    ).toBe(202)
  })

  it("logs in once with an e-mailed emergency code, ends the other sessions and tells every address", async () => {
    const { form, token } = await registerAndLogin()
    await enable(token, form.user.email)
    const challenge = await challengeFor(form)
    const path = `/v1/sessions/challenges/${encodeURIComponent(challenge)}`
    // Paths that match no route (a proxy doubling a slash, a typo) log the id by their shape only:
    // the app's log is searched for every id and code of this test when it closes.
    for (const unmatched of [`/${path}/totp`, `${path}/totp/`, `${path}//totp`, `${path}/%E0%A4%A`]) {
      expect((await call(unmatched, json("POST", { code: "123456" }))).status, unmatched).toBe(404)
    }
    expect((await call(`${path}/emergency`, json("POST", { code: "12345678" }))).status).toBe(409)
    const sent = await call(`${path}/emergency-code`, json("POST", {}))
    expect(sent.status).toBe(202)
    expect(sent.body.sentTo).toMatch(/^\w{3}\*{5}@\*{3}\.co\.jp$/)
    const code = codeIn(await mailTo(form.user.email, /緊急アクセスコード/), 8)!
    expect(
      (await call(`${path}/emergency`, json("POST", { code: code === "00000000" ? "11111111" : "00000000" })))
        .status,
    ).toBe(401)
    const session = await call(`${path}/emergency`, json("POST", { code }))
    expect(session.status).toBe(201)
    expect(session.body).toMatchObject({
      authenticatedWith: "emergency-code",
      advice: "two-factor-setup-again",
    })
    expect((await call(`${path}/emergency`, json("POST", { code }))).status).toBe(404)
    expect((await call("/v1/account", bearer(token))).status).toBe(401)
    const status = await call("/v1/account/two-factor", bearer(session.body.token))
    expect(status.body.session).toEqual({ authenticatedWith: "emergency-code" })
    for (const address of [form.user.email, form.emergencyContactEmail as string]) {
      expect(await mailTo(address, /緊急アクセスコードでログイン/)).toContain("ほかのセッション")
    }
  })
})
