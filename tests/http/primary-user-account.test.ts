import SQLite from "better-sqlite3"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AuditLog } from "../../application/audit/audit-log.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"
import { twoFactorKit } from "./two-factor-kit.js"

// Manual 004, STEP 2, 3–10 over HTTP, on SQLite and PostgreSQL, with mail over real SMTP: a business
// account assigns an address (typed twice), reads the code from the mail, updates its password, and
// signs in with the address from then on. The code never reaches the event log, the outbox or the
// log lines.

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(() => smtp.close())

const newPassword = "Sora3Umi#Kaze"
let counter = 0
const freshAddress = () => `primary${++counter}.${Date.now()}@test.com`

describe.each(stores)("the primary user account by e-mail over HTTP ($name)", (store) => {
  const app = customerAppOn(store, () => ({ smtpUrl: smtp.url }))
  const { call, registerAndLogin } = callsTo(app)
  const { mailTo, codeIn } = twoFactorKit(app, () => smtp, call)

  /** An account with a code mailed to `email`; the code as the mail has it. */
  const withCodeSent = async () => {
    const signedIn = await registerAndLogin()
    const email = freshAddress()
    const sent = await call(
      "/v1/account/primary-user/email",
      json("POST", { email, emailConfirmation: email.toUpperCase() }, signedIn.token),
    )
    expect(sent.status).toBe(202)
    const code = codeIn(await mailTo(email, /検証コード/), 6)!
    app().noteSecret(code)
    return { ...signedIn, email, sent, code }
  }

  it("assigns the address, verifies the mailed code, updates the password, and signs in with the address", async () => {
    const { form, token } = await registerAndLogin()
    const before = await call("/v1/account/primary-user", bearer(token))
    expect(before.body).toEqual({ status: "none", originalAccount: form.loginId })

    const email = freshAddress()
    const mismatch = await call(
      "/v1/account/primary-user/email",
      json("POST", { email, emailConfirmation: `x${email}` }, token),
    )
    expect(mismatch.status).toBe(422)
    expect(mismatch.body.errors).toEqual([
      { in: "body", field: "/emailConfirmation", reason: "does not match the e-mail address" },
    ])

    const sent = await call(
      "/v1/account/primary-user/email",
      json("POST", { email, emailConfirmation: email }, token),
    )
    expect(sent.status).toBe(202)
    expect(sent.body).toMatchObject({
      status: "code-sent",
      originalAccount: form.loginId,
      sentTo: `${email.slice(0, 3)}*****@***.com`,
      resendInSeconds: 168,
      attemptsLeft: 5,
    })
    const mail = await mailTo(email, /検証コード/)
    expect(mail).toContain(form.loginId)
    const code = codeIn(mail, 6)!
    app().noteSecret(code)

    // The resend waits for the countdown, and says how long is left.
    const tooSoon = await call("/v1/account/primary-user/email/resend", json("POST", {}, token))
    expect(tooSoon.status).toBe(429)
    expect(tooSoon.body).toMatchObject({ type: "https://portcullis.dev/problems/resend-too-soon" })
    expect(tooSoon.body.secondsLeft).toBeGreaterThan(160)
    expect(tooSoon.body.secondsLeft).toBeLessThanOrEqual(168)
    expect(tooSoon.headers.get("retry-after")).toBe(String(tooSoon.body.secondsLeft))

    const wrong = await call(
      "/v1/account/primary-user/verification",
      json("POST", { code: code === "000000" ? "111111" : "000000" }, token),
    )
    expect(wrong.status).toBe(403)
    expect(wrong.body).toMatchObject({
      type: "https://portcullis.dev/problems/code-rejected",
      attemptsLeft: 4,
    })

    const early = await call(
      "/v1/account/primary-user/password",
      json(
        "POST",
        { currentPassword: form.password, newPassword, newPasswordConfirmation: newPassword },
        token,
      ),
    )
    expect(early.status).toBe(409)
    expect(early.body.type).toBe("https://portcullis.dev/problems/email-not-verified")

    const verified = await call("/v1/account/primary-user/verification", json("POST", { code }, token))
    expect(verified.status).toBe(200)
    expect(verified.body).toEqual({ status: "awaiting-password", originalAccount: form.loginId, email })

    const wrongCurrent = await call(
      "/v1/account/primary-user/password",
      json(
        "POST",
        { currentPassword: "Wrong1#Password", newPassword, newPasswordConfirmation: newPassword },
        token,
      ),
    )
    expect(wrongCurrent.status).toBe(422)
    expect(wrongCurrent.body.errors).toEqual([
      { in: "body", field: "/currentPassword", reason: "is not the current password" },
    ])
    const unconfirmed = await call(
      "/v1/account/primary-user/password",
      json(
        "POST",
        { currentPassword: form.password, newPassword, newPasswordConfirmation: `${newPassword}x` },
        token,
      ),
    )
    expect(unconfirmed.status).toBe(422)

    const updated = await call(
      "/v1/account/primary-user/password",
      json(
        "POST",
        { currentPassword: form.password, newPassword, newPasswordConfirmation: newPassword },
        token,
      ),
    )
    expect(updated.status).toBe(200)
    expect(updated.body).toEqual({ message: "Updated password successfully", loginId: email })
    expect(await mailTo(email, /パスワードが更新されました/)).toContain("Updated password successfully")

    // Every session ended; the login ID signs in no more, the address does, with the new password.
    expect((await call("/v1/account/primary-user", bearer(token))).status).toBe(401)
    const byLoginId = await call(
      "/v1/sessions",
      json("POST", { loginId: form.loginId, password: newPassword }),
    )
    expect(byLoginId.status).toBe(401)
    const byOldPassword = await call(
      "/v1/sessions",
      json("POST", { loginId: email, password: form.password }),
    )
    expect(byOldPassword.status).toBe(401)
    const byEmail = await call(
      "/v1/sessions",
      json("POST", { loginId: email.toUpperCase(), password: newPassword }),
    )
    expect(byEmail.status).toBe(201)
    const done = await call("/v1/account/primary-user", bearer(byEmail.body.token))
    expect(done.body).toEqual({ status: "done", email })
    const again = await call(
      "/v1/account/primary-user/email",
      json("POST", { email, emailConfirmation: email }, byEmail.body.token),
    )
    expect(again.status).toBe(409)
    expect(again.body.type).toBe("https://portcullis.dev/problems/primary-user-account-assigned")

    // The address is a sign-in name now: no registration may take it as a login ID.
    const [key] = await app().issue()
    const taken = await call("/v1/accounts", json("POST", registration(key!, { loginId: email })))
    expect(taken.status).toBe(409)
    expect(taken.body.type).toBe("https://portcullis.dev/problems/login-id-taken")

    // The code is only in the mail: the log holds its digest, the outbox waits with it sealed.
    if (!store.postgres) {
      const db = new SQLite(app().databaseFile, { readonly: true })
      const stored = [
        ...db.prepare("select payload from outbox").pluck().all(),
        ...db.prepare("select data from events").pluck().all(),
        ...db.prepare("select metadata from events").pluck().all(),
      ].join("\n")
      db.close()
      expect(stored).not.toContain(code)
    }

    // The read models rebuilt from the log alone (the sign-in name moved included) are the live ones.
    const report = await app().runtime.runPromise(Effect.flatMap(AuditLog, (audit) => audit.replay()))
    expect(report.drift).toEqual([])
    expect((await app().runtime.runPromise(Effect.flatMap(AuditLog, (audit) => audit.verify())))._tag).toBe(
      "Intact",
    )
  })

  it("refuses an address that signs in to another account already", async () => {
    const first = await withCodeSent()
    await call("/v1/account/primary-user/verification", json("POST", { code: first.code }, first.token))
    const done = await call(
      "/v1/account/primary-user/password",
      json(
        "POST",
        { currentPassword: first.form.password, newPassword, newPasswordConfirmation: newPassword },
        first.token,
      ),
    )
    expect(done.status).toBe(200)
    const other = await registerAndLogin()
    const taken = await call(
      "/v1/account/primary-user/email",
      json("POST", { email: first.email, emailConfirmation: first.email }, other.token),
    )
    expect(taken.status).toBe(409)
    expect(taken.body.type).toBe("https://portcullis.dev/problems/email-taken")
  })

  it("locks a code after five wrong ones, even for the right one", async () => {
    const { token, code } = await withCodeSent()
    const wrongCode = code === "000000" ? "111111" : "000000"
    for (const left of [4, 3, 2, 1, 0]) {
      const wrong = await call(
        "/v1/account/primary-user/verification",
        json("POST", { code: wrongCode }, token),
      )
      expect(wrong.body.attemptsLeft).toBe(left)
    }
    const locked = await call("/v1/account/primary-user/verification", json("POST", { code }, token))
    expect(locked.status).toBe(409)
    expect(locked.body.type).toBe("https://portcullis.dev/problems/verification-locked")
  })
})
