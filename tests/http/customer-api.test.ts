import SQLite from "better-sqlite3"
import { Effect, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pruneExpired } from "../../application/accounts/housekeeping.js"
import { authenticate, signIn } from "../../application/accounts/sessions.js"
import { AuditLog } from "../../application/audit/audit-log.js"
import { catalogProduct } from "../../application/catalog/catalog-product.js"
import { renderedLicenseList } from "../../application/licensing/customer-licenses.js"
import { renewLicense, suspendLicense } from "../../application/licensing/license-admin.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, customerApp, json, registration } from "./customer-app.js"
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

const day = 86_400_000

/** A password login to an account without 2FA: a session. */
const passwordSession = (form: { loginId: string; password: string }, address: string) =>
  Effect.flatMap(
    signIn({ loginId: form.loginId, password: form.password, address, metadataFor: metadataOf }),
    (result) => (result._tag === "SignedIn" ? Effect.succeed(result) : Effect.dieMessage("2FA is on")),
  )
const metadataOf = (accountId: string) => ({ actor: { kind: "customer" as const, id: accountId } })
const dayInUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe("customer API: registration, login, licences", () => {
  it("previews a key, registers it with a new account, lists it, and mails the support contact", async () => {
    const [key] = await api.issue()
    const preview = await call(`/v1/license-keys/${key!.toLowerCase()}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ seats: 50, licenseType: "full", registrability: "registrable" })

    const form = registration(key!)
    const created = await call("/v1/accounts", json("POST", form))
    expect(created.status).toBe(201)
    expect(created.body.loginId).toBe(form.loginId)

    const login = await call(
      "/v1/sessions",
      json("POST", { loginId: form.loginId.toUpperCase(), password: form.password }),
    )
    expect(login.status).toBe(201)
    expect(login.body.twoFactor.enabled).toBe(false)
    const licenses = await call("/v1/licenses", bearer(login.body.token))
    expect(licenses.status).toBe(200)
    expect(licenses.body.licenses).toHaveLength(1)
    expect(licenses.body.licenses[0]).toMatchObject({ licenseKey: key, status: "active", seats: 50 })
    // Named from the catalogue on the very first read, not only once its entry is remembered.
    expect(licenses.body.licenses[0]).toMatchObject({
      productName: { en: "Trend Micro Cloud App Security" },
      packageName: { en: "Cloud App Security Standard" },
      consoleUrl: "https://admin.cloudappsecurity.example/",
    })

    await api.deliverMail()
    const mails = smtp.received.filter((m) => m.envelopeTo.includes(form.user.email))
    expect(mails.length).toBeGreaterThan(0)
    expect(mails[0]!.mail.subject).toContain("Trend Micro Cloud App Security")
    expect(mails[0]!.mail.text).not.toContain(key)
  })

  it("reports every invalid field at once and creates nothing", async () => {
    const [key] = await api.issue()
    const bad = registration(key!, { password: "short", passwordConfirmation: "other", acceptEula: false })
    const refused = await call("/v1/accounts", json("POST", bad))
    expect(refused.status).toBe(422)
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain("/acceptEula")
    const policy = await call(
      "/v1/accounts",
      json("POST", registration(key!, { password: "Password1", passwordConfirmation: "x" })),
    )
    expect(policy.status).toBe(422)
    const fields = policy.body.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(["/password", "/passwordConfirmation"]))
    expect(JSON.stringify(policy.body)).not.toContain("Password1")
    expect((await call(`/v1/license-keys/${key}`)).body.registrability).toBe("registrable")
  })

  it("tells a mistyped key from an unknown one", async () => {
    const [key] = await api.issue()
    const last = key!.at(-1) === "2" ? "3" : "2"
    const mistyped = await call(`/v1/license-keys/${key!.slice(0, -1)}${last}`)
    expect(mistyped.status).toBe(422)
    expect(mistyped.body.type).toContain("product-key-mistyped")
  })

  it("registers a key once when 20 registrations race for it: exactly one 201, no orphan account", async () => {
    const [key] = await api.issue()
    const forms = Array.from({ length: 20 }, () => registration(key!))
    const results = await Promise.all(forms.map((form) => call("/v1/accounts", json("POST", form))))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true)
    const losers = forms.filter((_, i) => statuses[i] !== 201)
    for (const form of losers.slice(0, 3)) {
      const login = await call(
        "/v1/sessions",
        json("POST", { loginId: form.loginId, password: form.password }),
      )
      expect(login.status).toBe(401)
    }
  })

  it("refuses a login ID already taken, whatever its case", async () => {
    const { form } = await registerAndLogin()
    const [key] = await api.issue()
    const again = await call(
      "/v1/accounts",
      json("POST", registration(key!, { loginId: form.loginId.toUpperCase() })),
    )
    expect(again.status).toBe(409)
    expect(again.body.type).toContain("login-id-taken")
  })

  it("answers a wrong password and an unknown login ID alike, and slows down repeated failures", async () => {
    const { form } = await registerAndLogin()
    const wrong = await call(
      "/v1/sessions",
      json("POST", { loginId: form.loginId, password: "Wrong1Password" }),
    )
    const unknown = await call(
      "/v1/sessions",
      json("POST", { loginId: "nobody_here", password: "Wrong1Password" }),
    )
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body.detail).toBe(unknown.body.detail)
    let throttled: Awaited<ReturnType<typeof call>> | undefined
    for (let i = 0; i < 6 && !throttled; i++) {
      const attempt = await call(
        "/v1/sessions",
        json("POST", { loginId: form.loginId, password: "Wrong1Password" }),
      )
      if (attempt.status === 429) throttled = attempt
    }
    expect(throttled?.headers.get("retry-after")).toMatch(/^\d+$/)
  })

  it("adds a key, refuses another account's key, and keeps each session to its own account", async () => {
    const first = await registerAndLogin()
    const second = await registerAndLogin()
    const [extra] = await api.issue()
    const added = await call(
      "/v1/licenses",
      json("POST", { licenseKey: extra, acceptEula: true }, first.token),
    )
    expect(added.status).toBe(201)
    const stolen = await call(
      "/v1/licenses",
      json("POST", { licenseKey: first.key, acceptEula: true }, second.token),
    )
    expect(stolen.status).toBe(409)
    const mine = await call("/v1/licenses", bearer(second.token))
    expect(mine.body.licenses.map((l: { licenseKey: string }) => l.licenseKey)).toEqual([second.key])
    const account = await call("/v1/account", bearer(second.token))
    expect(account.body.loginId).toBe(second.form.loginId)
    expect(JSON.stringify(account.body)).not.toContain("argon2")
  })

  it("changes the contractor without touching the support contact, and mails the change", async () => {
    const { token, form } = await registerAndLogin()
    const before = await call("/v1/account", bearer(token))
    const changed = await call(
      "/v1/account/contractor",
      json("PATCH", { ...form.contractor, companyName: "新社名株式会社" }, token),
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
    expect(stored).not.toContain("password-resets/")
    await api.deliverMail()
    const mail = smtp.received.findLast(
      (m) => m.envelopeTo.includes(form.user.email) && /リセット/.test(m.mail.subject ?? ""),
    )
    const link = /http:\/\/portcullis\.test(\/v1\/password-resets\/[A-Za-z0-9_-]+)/.exec(
      mail?.mail.text ?? "",
    )?.[1]
    expect(link).toBeDefined()
    // Paths that match no route log the token by their shape only: the app's log is searched for
    // every token, id and key of these tests when it closes.
    for (const unmatched of [`/${link}`, `${link}/`, `${link}/extra`, link!.replace("resets/", "resets//")]) {
      expect((await call(unmatched)).status, unmatched).toBe(404)
    }
    const shown = await call(link!)
    expect(shown.body.loginId).toBe(form.loginId)
    const done = await call(
      link!,
      json("POST", { newPassword: "Reset9Himitsu", newPasswordConfirmation: "Reset9Himitsu" }),
    )
    expect(done.status).toBe(200)
    expect((await call(link!)).status).toBe(404)
    expect(
      (await call("/v1/sessions", json("POST", { loginId: form.loginId, password: "Reset9Himitsu" }))).status,
    ).toBe(201)
  })

  it("tells both the old and the new address when the user's e-mail changes", async () => {
    const { token, form } = await registerAndLogin()
    const newEmail = `moved-${form.user.email}`
    const changed = await call("/v1/account/user", json("PATCH", { ...form.user, email: newEmail }, token))
    expect(changed.status).toBe(200)
    expect(changed.body.user.email).toBe(newEmail)
    await api.deliverMail()
    const to = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address))
    expect(to(form.user.email).some((m) => /メールアドレス変更/.test(m.mail.subject ?? ""))).toBe(true)
    expect(to(newEmail).some((m) => /メールアドレス変更/.test(m.mail.subject ?? ""))).toBe(true)
    expect(to(newEmail).some((m) => /アカウント情報が変更されました/.test(m.mail.subject ?? ""))).toBe(true)
  })

  it("leaves a log whose replay gives exactly the read models, and whose chain verifies", async () => {
    const report = await api.runtime.runPromise(Effect.flatMap(AuditLog, (audit) => audit.replay()))
    expect(report.drift).toEqual([])
    expect(report.projections).toContain("accounts")
    expect((await api.runtime.runPromise(Effect.flatMap(AuditLog, (audit) => audit.verify())))._tag).toBe(
      "Intact",
    )
  })

  it("shows every change to the licence list at once, though it keeps the list between changes", async () => {
    const { token, accountId } = await registerAndLogin()
    const operatorMetadata = { actor: { kind: "operator" as const, id: "test-operator" } }
    const statusOf = async (key: string) => {
      const { body } = await call("/v1/licenses", bearer(token))
      return body.licenses.find((l: { licenseKey: string }) => l.licenseKey === key)
    }
    // A product no other test reads, so its catalogue entry may change here.
    const [key] = await api.issue(1, { productId: "business-security-services", expiresOn: "2099-12-31" })
    await call("/v1/licenses", json("POST", { licenseKey: key, acceptEula: true }, token))
    expect(await statusOf(key!)).toMatchObject({ status: "active", expiresOn: "2099-12-31" })
    expect(await statusOf(key!)).toMatchObject({ status: "active" })

    await api.runtime.runPromise(renewLicense(key!, "2020-01-31", operatorMetadata))
    expect(await statusOf(key!)).toMatchObject({ status: "expired", expiresOn: "2020-01-31" })
    await api.runtime.runPromise(suspendLicense(key!, "test", operatorMetadata))
    expect(await statusOf(key!)).toMatchObject({ status: "suspended" })

    const entry = sampleCatalog.find((e) => e.productId === "business-security-services")!
    const renamed = { ...entry.details, names: { ...entry.details.names, en: "Renamed Security" } }
    await api.runtime.runPromise(catalogProduct(entry.productId, renamed, operatorMetadata))
    expect((await statusOf(key!)).productName.en).toBe("Renamed Security")

    // The day moves on: a licence that expires in 31 days is active now and expiring soon in two.
    const [soon] = await api.issue(1, { expiresOn: dayInUtc(Date.now() + 31 * day) })
    await call("/v1/licenses", json("POST", { licenseKey: soon, acceptEula: true }, token))
    const render = renderedLicenseList(accountId, (licenses) =>
      Buffer.from(String(licenses.find((l) => l.licenseKey === soon)?.status)),
    )
    const statuses = await api.runtime.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.now())
        const before = [yield* render, yield* render]
        yield* TestClock.adjust("2 days")
        return [...before, yield* render].map((bytes) => Buffer.from(bytes).toString())
      }).pipe(Effect.provide(TestContext.TestContext)),
    )
    expect(statuses).toEqual(["active", "active", "expiring_soon"])
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

  it("shows the catalogue to anyone", async () => {
    const products = await call("/v1/products")
    expect(products.status).toBe(200)
    expect(products.body.products.map((p: { productId: string }) => p.productId)).toContain(
      "cloud-app-security",
    )
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
      json("PATCH", { ...contact, emergencyContactEmail: "night-desk@example.co.jp" }, token),
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
      json("PATCH", { ...form.user, email: "nope", phone: { areaCode: "3", number: "1" } }, token),
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

  it("refuses a request without a session, or with a made-up token", async () => {
    expect((await call("/v1/licenses")).status).toBe(401)
    expect((await call("/v1/licenses", bearer("made-up"))).status).toBe(401)
  })
})
