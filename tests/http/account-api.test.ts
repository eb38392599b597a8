import SQLite from "better-sqlite3"
import { Effect, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pruneExpired } from "../../application/accounts/housekeeping.js"
import { authenticate, signIn } from "../../application/accounts/sessions.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

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

/** A password login to an account without 2FA: a session. */
const passwordSession = (form: { loginId: string; password: string }, address: string) =>
  Effect.flatMap(
    signIn({ loginId: form.loginId, password: form.password, address, metadataFor: metadataOf }),
    (result) => (result._tag === "SignedIn" ? Effect.succeed(result) : Effect.dieMessage("2FA is on")),
  )
const metadataOf = (accountId: string) => ({ actor: { kind: "customer" as const, id: accountId } })

describe("customer API: account data, passwords and sessions", () => {
  it("changes the contractor without touching the support contact, and mails the change", async () => {
    const { token, form } = await registerAndLogin()
    const before = await call("/v1/account", bearer(token))
    const changed = await call(
      "/v1/account/contractor",
      json("PUT", { ...form.contractor, companyName: "新社名株式会社" }, token),
    )
    expect(changed.status).toBe(200)
    expect(changed.body.contractor.companyName).toBe("新社名株式会社")
    expect(changed.body.supportContact).toEqual(before.body.supportContact)
  })

  it("logs out, and a password change ends every session", async () => {
    const { token, form } = await registerAndLogin()
    const other = (
      await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    ).body.token
    expect((await call("/v1/sessions/current", bearer(token, "DELETE"))).status).toBe(204)
    expect((await call("/v1/licenses", bearer(token))).status).toBe(401)
    const changed = await call(
      "/v1/account/password",
      json(
        "PUT",
        {
          currentPassword: form.password,
          newPassword: "Neue7Passwort",
          newPasswordConfirmation: "Neue7Passwort",
        },
        other,
      ),
    )
    expect(changed.status).toBe(204)
    expect((await call("/v1/licenses", bearer(other))).status).toBe(401)
    expect(
      (await call("/v1/sessions", json("POST", { loginId: form.loginId, password: "Neue7Passwort" }))).status,
    ).toBe(201)
  })

  it("resets a password through the mailed link, once", async () => {
    const { form } = await registerAndLogin()
    const unknown = await call("/v1/password-resets", json("POST", { loginIdOrEmail: "nobody@example.com" }))
    const known = await call("/v1/password-resets", json("POST", { loginIdOrEmail: form.user.email }))
    expect(known.status).toBe(202)
    expect(unknown.body).toEqual(known.body)
    // The link is a secret: it waits in the outbox sealed, and the event log holds only its digest.
    const db = new SQLite(api.databaseFile, { readonly: true })
    const stored = [
      ...db.prepare("select payload from outbox").pluck().all(),
      ...db.prepare("select data from events").pluck().all(),
    ].join("\n")
    db.close()
    expect(stored).not.toContain("/password-reset/")
    await api.deliverMail()
    const mail = smtp.received.findLast(
      (m) => m.envelopeTo.includes(form.user.email) && /リセット/.test(m.mail.subject ?? ""),
    )
    // The mail links to the portal's page; the API answers the same token under /v1.
    const token = /http:\/\/portcullis\.test\/password-reset\/([A-Za-z0-9_-]+)/.exec(
      mail?.mail.text ?? "",
    )?.[1]
    expect(token).toBeDefined()
    const link = `/v1/password-resets/${token}`
    // Paths that match no route log the token by their shape only: the app's log is searched for
    // every token, id and key of these tests when it closes.
    for (const unmatched of [`/${link}`, `${link}/`, `${link}/extra`, link.replace("resets/", "resets//")]) {
      expect((await call(unmatched)).status, unmatched).toBe(404)
    }
    const shown = await call(link)
    expect(shown.body.loginId).toBe(form.loginId)
    const done = await call(
      link,
      json("POST", { newPassword: "Reset9Himitsu", newPasswordConfirmation: "Reset9Himitsu" }),
    )
    expect(done.status).toBe(200)
    expect((await call(link)).status).toBe(404)
    expect(
      (await call("/v1/sessions", json("POST", { loginId: form.loginId, password: "Reset9Himitsu" }))).status,
    ).toBe(201)
  })

  it("tells both the old and the new address when the user's e-mail changes", async () => {
    const { token, form } = await registerAndLogin()
    const newEmail = `moved-${form.user.email}`
    const changed = await call("/v1/account/user", json("PUT", { ...form.user, email: newEmail }, token))
    expect(changed.status).toBe(200)
    expect(changed.body.user.email).toBe(newEmail)
    await api.deliverMail()
    const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address))
    expect(to(form.user.email).some((m) => /メールアドレス変更/.test(m.mail.subject ?? ""))).toBe(true)
    expect(to(newEmail).some((m) => /メールアドレス変更/.test(m.mail.subject ?? ""))).toBe(true)
    expect(to(newEmail).some((m) => /アカウント情報が変更されました/.test(m.mail.subject ?? ""))).toBe(true)
  })

  it("ends a session after 30 idle minutes, and 12 hours after login however active", async () => {
    const { form } = await registerAndLogin()
    const check = (token: string) => Effect.map(Effect.either(authenticate(token)), (r) => r._tag === "Right")
    const program = Effect.gen(function* () {
      yield* TestClock.setTime(Date.now())
      const login = () => passwordSession(form, "clock-test")
      const idle = (yield* login()).token
      yield* TestClock.adjust("29 minutes")
      const stillThere = yield* check(idle)
      yield* TestClock.adjust("29 minutes")
      const keptAlive = yield* check(idle)
      yield* TestClock.adjust("31 minutes")
      const afterIdle = yield* check(idle)

      const busy = (yield* login()).token
      let aliveUntil = 0
      for (let minutes = 20; minutes <= 13 * 60; minutes += 20) {
        yield* TestClock.adjust("20 minutes")
        if (!(yield* check(busy))) break
        aliveUntil = minutes
      }
      return { stillThere, keptAlive, afterIdle, aliveUntil }
    })
    const result = await api.runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
    expect(result).toEqual({ stillThere: true, keptAlive: true, afterIdle: false, aliveUntil: 11 * 60 + 40 })
  })

  it("changes the support contact and its emergency address without touching the contractor", async () => {
    const { token, form } = await registerAndLogin()
    const before = await call("/v1/account", bearer(token))
    const contact = {
      ...before.body.supportContact,
      contactName: "佐藤 花子",
      email: "support-desk@example.co.jp",
    }
    const changed = await call(
      "/v1/account/support-contact",
      json("PUT", { ...contact, emergencyContactEmail: "night-desk@example.co.jp" }, token),
    )
    expect(changed.status).toBe(200)
    expect(changed.body.supportContact.contactName).toBe("佐藤 花子")
    expect(changed.body.emergencyContactEmail).toBe("night-desk@example.co.jp")
    expect(changed.body.contractor).toEqual(before.body.contractor)
    expect(form.contractor.companyName).toBe(changed.body.contractor.companyName)
  })

  it("reports every bad field of a changed section, and changes nothing", async () => {
    const { token, form } = await registerAndLogin()
    const refused = await call(
      "/v1/account/user",
      json("PUT", { ...form.user, email: "nope", phone: { areaCode: "3", number: "1" } }, token),
    )
    expect(refused.status).toBe(422)
    const fields = refused.body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(["/email", "/phone/areaCode", "/phone/number"]))
    expect((await call("/v1/account", bearer(token))).body.user.email).toBe(form.user.email)
    const wrongCurrent = await call(
      "/v1/account/password",
      json(
        "PUT",
        {
          currentPassword: "Not1TheRightOne",
          newPassword: "Neue7Passwort",
          newPasswordConfirmation: "Neue7Passwort",
        },
        token,
      ),
    )
    expect(wrongCurrent.status).toBe(422)
    expect(wrongCurrent.body.errors[0].field).toBe("/currentPassword")
  })

  it("prunes sessions that can no longer be used and counters untouched for a day", async () => {
    const { form } = await registerAndLogin()
    const program = Effect.gen(function* () {
      yield* TestClock.setTime(Date.now())
      const { token } = yield* passwordSession(form, "prune-test")
      const early = yield* pruneExpired
      yield* TestClock.adjust("2 days")
      const late = yield* pruneExpired
      const after = yield* Effect.either(authenticate(token))
      return { early, late, stillValid: after._tag === "Right" }
    })
    const result = await api.runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
    expect(result.late.sessions).toBeGreaterThan(0)
    expect(result.late.counters).toBeGreaterThan(0)
    expect(result.stillValid).toBe(false)
  })
})
