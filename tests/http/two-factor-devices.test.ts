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

describe("two-factor authentication over HTTP: recovery codes, devices, secrets", () => {
  it("logs in with a recovery code once, issues a new set, disables with the password and erases the secret", async () => {
    const { form, token } = await registerAndLogin()
    const { recoveryCodes } = await enable(token, form.user.email)
    const recover = async (code: string) =>
      call(
        `/v1/sessions/challenges/${encodeURIComponent(await challengeFor(form))}/recovery`,
        json("POST", { code }),
      )
    const used = recoveryCodes[0]!
    const session = await recover(used.toUpperCase().replaceAll("-", " "))
    expect(session.status).toBe(201)
    expect(session.body.authenticatedWith).toBe("recovery-code")
    expect((await recover(used)).status).toBe(401)
    expect((await call("/v1/account/two-factor", bearer(token))).body.recoveryCodesLeft).toBe(9)

    const wrongPassword = json("POST", { password: "not the password" }, token)
    expect((await call("/v1/account/two-factor/recovery-codes", wrongPassword)).status).toBe(403)
    const renewed = await call(
      "/v1/account/two-factor/recovery-codes",
      json("POST", { password: form.password }, token),
    )
    expect(renewed.status).toBe(201)
    expect((await recover(recoveryCodes[1]!)).status).toBe(401)
    expect((await recover(renewed.body.recoveryCodes[0])).status).toBe(201)

    expect((await call("/v1/account/two-factor", json("DELETE", { password: "nope" }, token))).status).toBe(
      403,
    )
    const disabled = await call("/v1/account/two-factor", json("DELETE", { password: form.password }, token))
    expect(disabled.status).toBe(200)
    expect((await call("/v1/account/two-factor", bearer(token))).body.status).toBe("disabled")
    const login = await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    expect(login.status).toBe(201)
    const db = new SQLite(api.databaseFile, { readonly: true })
    const sealed = db
      .prepare("select data from events where type = 'TwoFactorEnrollmentStarted' and stream_id = ?")
      .pluck()
      .all(`two-factor-${session.body.accountId}`)
    db.close()
    expect(sealed).toEqual([null])
  })

  it("changes the device: the old one works until the new one's code is confirmed, then its secret is erased", async () => {
    const { form, token, accountId } = await registerAndLogin()
    const { secret: oldSecret, activatedStep } = await enable(token, form.user.email)
    expect((await call("/v1/account/two-factor/verification-email", json("POST", {}, token))).status).toBe(
      202,
    )
    const emailCode = codeIn(await mailTo(form.user.email, /確認コード/), 6)!
    const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
    const newSecret = (enrolled.body.secret as string).replaceAll(" ", "")
    expect(newSecret).not.toBe(oldSecret)

    // Still the old device until the new one is confirmed.
    const answer = async (secret: string, step: number) =>
      call(
        `/v1/sessions/challenges/${encodeURIComponent(await challengeFor(form))}/totp`,
        json("POST", { code: totp(secret, step) }),
      )
    expect((await answer(oldSecret, activatedStep + 1)).status).toBe(201)
    const now = stepNow()
    const confirmed = await call(
      "/v1/account/two-factor/activation",
      json("POST", { code: totp(newSecret, now) }, token),
    )
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toMatchObject({ deviceChanged: true, recoveryCodes: [] })
    expect(await mailTo(form.user.email, /デバイスが変更/)).toContain("以前のデバイス")
    expect((await answer(oldSecret, now + 1)).status).toBe(401)
    expect((await answer(newSecret, now + 1)).status).toBe(201)

    const db = new SQLite(api.databaseFile, { readonly: true })
    const enrollments = db
      .prepare(
        "select data from events where type = 'TwoFactorEnrollmentStarted' and stream_id = ? order by position",
      )
      .pluck()
      .all(`two-factor-${accountId}`)
    db.close()
    expect(enrollments[0]).toBeNull()
    expect(enrollments[1]).toEqual(expect.stringContaining("sealedSecret"))
  })

  it("erases a set-up's secret once another replaces it, and a password change ends half-done logins", async () => {
    const { form, token, accountId } = await registerAndLogin()
    const setUp = async () => {
      await call("/v1/account/two-factor/verification-email", json("POST", {}, token))
      const emailCode = codeIn(await mailTo(form.user.email, /確認コード/), 6)!
      const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
      return (enrolled.body.secret as string).replaceAll(" ", "")
    }
    await setUp()
    const secret = await setUp()
    const on = await call(
      "/v1/account/two-factor/activation",
      json("POST", { code: totp(secret, stepNow()) }, token),
    )
    expect(on.status).toBe(200)
    const db = new SQLite(api.databaseFile, { readonly: true })
    const sealed = db
      .prepare(
        "select data from events where type = 'TwoFactorEnrollmentStarted' and stream_id = ? order by position",
      )
      .pluck()
      .all(`two-factor-${accountId}`)
    db.close()
    expect(sealed[0]).toBeNull()
    expect(sealed[1]).not.toBeNull()

    const challenge = await challengeFor(form)
    const changed = await call(
      "/v1/account/password",
      json(
        "PUT",
        {
          currentPassword: form.password,
          newPassword: "Neue2Pass#Word",
          newPasswordConfirmation: "Neue2Pass#Word",
        },
        token,
      ),
    )
    expect(changed.status).toBe(204)
    const late = await call(
      `/v1/sessions/challenges/${encodeURIComponent(challenge)}/totp`,
      json("POST", { code: totp(secret, stepNow() + 1) }),
    )
    expect(late.status).toBe(404)
    // The problem body names the path without the challenge id.
    expect(late.body.instance).toBe("/v1/sessions/challenges/:id/totp")
  })

  it("stops recommending 2FA once the customer skips it", async () => {
    const { form, token } = await registerAndLogin()
    const login = () => call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    expect((await login()).body.twoFactor.recommendation).not.toBeNull()
    expect((await call("/v1/account/two-factor/reminder-dismissal", json("POST", {}, token))).status).toBe(
      204,
    )
    expect((await login()).body.twoFactor).toEqual({ enabled: false, recommendation: null })
  })
})
