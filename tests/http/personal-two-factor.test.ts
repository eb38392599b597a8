// Manual 000's login for a personal account with 2FA on: the e-mail address, the password, then the
// authenticator's code (an app's sign-in asks the same challenge: tests/http/app-sessions.test.ts).
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

const { call } = callsTo(() => api)
const { totp, enable, challengeFor } = twoFactorKit(
  () => api,
  () => smtp,
  call,
)

describe("a personal account with two-factor authentication", () => {
  it("signs in with the address in any case, the password and the authenticator's code", async () => {
    const [key] = await api.issue(1, { productId: "password-manager", packageId: "annual" })
    const email = `kenji.${Date.now()}@example.jp`
    const password = "Kagi2Mori#Tsuki"
    const created = await call(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const first = await call("/v1/sessions", json("POST", { loginId: email, password }))
    expect(first.status).toBe(201)
    // The set-up's verification code goes to the account's address, its only contact.
    const { secret, activatedStep } = await enable(first.body.token as string, email)

    // The address in another case, the password: a challenge, not a session.
    const challenge = await challengeFor({ loginId: email.toUpperCase(), password })
    const path = `/v1/sessions/challenges/${encodeURIComponent(challenge)}/totp`
    const wrong = totp(secret, activatedStep + 1) === "000000" ? "111111" : "000000"
    expect((await call(path, json("POST", { code: wrong }))).status).toBe(401)
    const session = await call(path, json("POST", { code: totp(secret, activatedStep + 1) }))
    expect(session.status).toBe(201)
    const account = await call("/v1/account", bearer(session.body.token as string))
    expect(account.body).toMatchObject({ kind: "personal", loginId: email })
  })
})
