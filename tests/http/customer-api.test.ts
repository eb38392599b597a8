import { Effect, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
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

  it("refuses a purchase source without its company name, which the manual requires", async () => {
    const [key] = await api.issue()
    for (const companyName of ["", "   "]) {
      const refused = await call(
        "/v1/accounts",
        json("POST", registration(key!, { purchaseSource: { companyName } })),
      )
      expect(refused.status, JSON.stringify(companyName)).toBe(422)
      expect(refused.body.errors).toEqual([
        { in: "body", field: "/purchaseSource/companyName", reason: "is required" },
      ])
    }
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

  it("shows the catalogue to anyone", async () => {
    const products = await call("/v1/products")
    expect(products.status).toBe(200)
    expect(products.body.products.map((p: { productId: string }) => p.productId)).toContain(
      "cloud-app-security",
    )
  })

  it("refuses a request without a session, or with a made-up token", async () => {
    expect((await call("/v1/licenses")).status).toBe(401)
    expect((await call("/v1/licenses", bearer("made-up"))).status).toBe(401)
  })
})
