// Manual 000 over HTTP, on SQLite and PostgreSQL: from the switch plan's day an unused Password
// Manager key registers as ID Protection (a new account's first key, or a key added to an account),
// the preview says so, and the licence list and the mail name ID Protection. The boundary days are
// decided in the account's time zone on the TestClock.
import { Effect, TestClock, TestContext } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { registerPersonalAccount } from "../../application/accounts/personal-registration.js"
import { AuditLog } from "../../application/audit/audit-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { addLicense, listLicenses } from "../../application/licensing/customer-licenses.js"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { licenseStreamId } from "../../domain/licensing/license.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { bearer, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { signedInPortalBrowser } from "./portal-browser.js"
import { customerAppOn, stores } from "./store-suite.js"

const operator = { actor: { kind: "operator" as const, id: "test-operator" } }
const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
const password = "Kagi2Mori#Tsuki"
let counter = 0
const personal = (licenseKey: string, timeZone = "Asia/Tokyo") => {
  counter += 1
  return {
    licenseKey,
    acceptEula: true as const,
    email: `switch${counter}.${Date.now()}@example.jp`,
    password,
    passwordConfirmation: password,
    timeZone,
  }
}
const customer = (id: string) => ({ actor: { kind: "customer" as const, id } })

describe.each(stores)("unused keys of a switch's source ($name)", (store) => {
  const app = customerAppOn(store)
  const { call } = callsTo(app)
  let planId = ""
  beforeAll(async () => {
    planId = (await app().runtime.runPromise(createSwitchPlan(rules, operator))).planId
  })
  const passwordManagerKeys = (count: number) =>
    app().issue(count, { productId: "password-manager", packageId: "annual" })

  it("previews an unused Password Manager key as ID Protection, registers it so, and mails ID Protection", async () => {
    const [key] = await passwordManagerKeys(1)
    const preview = await call(`/v1/license-keys/${key}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({
      product: { id: "id-protection", names: { en: "ID Protection" }, audience: "personal" },
      switchedFrom: { id: "password-manager", names: { en: "Password Manager" } },
      registrability: "registrable",
    })
    const form = personal(key!)
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: form.email, password }))
    const licenses = await call("/v1/licenses", bearer(login.body.token))
    expect(licenses.body.licenses).toEqual([
      expect.objectContaining({
        productId: "id-protection",
        productName: expect.objectContaining({ en: "ID Protection" }),
      }),
    ])
    // Registered, the key is an ID Protection key: its preview names no switch any more.
    const again = await call(`/v1/license-keys/${key}`)
    expect(again.body).toMatchObject({ product: { id: "id-protection" }, switchedFrom: null })

    await app().deliverMail()
    const mails = (await Effect.runPromise(listMail(app().outboxDir))).filter((m) =>
      m.to.includes(form.email),
    )
    expect(mails.map((m) => m.subject)).toEqual(["【Portcullis】ID プロテクション 製品登録完了のお知らせ"])
    const mail = await Effect.runPromise(showMail(app().outboxDir, mails[0]!.id))
    expect(mail.text).not.toContain("パスワードマネージャー")
  })

  it("adds an unused Password Manager key to an account as a second ID Protection licence", async () => {
    const [first] = await app().issue(1, { productId: "id-protection", packageId: "annual" })
    const form = personal(first!)
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const token = (await call("/v1/sessions", json("POST", { loginId: form.email, password }))).body.token
    const [key] = await passwordManagerKeys(1)
    const added = await call("/v1/licenses", json("POST", { licenseKey: key, acceptEula: true }, token))
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ productId: "id-protection", packageId: "annual" })
    const licenses = await call("/v1/licenses", bearer(token))
    expect(licenses.body.licenses.map((l: { productId: string }) => l.productId)).toEqual([
      "id-protection",
      "id-protection",
    ])
    // The log says which plan made it ID Protection.
    const recorded = await app().runtime.runPromise(
      Effect.flatMap(EventStore, (store) => store.readStream(licenseStreamId(added.body.id))),
    )
    expect(recorded.find((e) => e.type === "LicenseRegistered")?.data).toMatchObject({
      productId: "id-protection",
      switchPlanId: planId,
    })
  })

  it("registers as Password Manager until the plan's day begins in the account's zone, as ID Protection from then", async () => {
    const keys = await passwordManagerKeys(8)
    const cases = [
      // 23:59:59.999 on 4 June in Tokyo; 00:00 on 5 June in Tokyo (still 17:00 on 4 June in Paris).
      { at: "2025-06-04T14:59:59.999Z", timeZone: "Asia/Tokyo", expected: "password-manager" },
      { at: "2025-06-04T15:00:00.000Z", timeZone: "Asia/Tokyo", expected: "id-protection" },
      { at: "2025-06-04T15:00:00.000Z", timeZone: "Europe/Paris", expected: "password-manager" },
      { at: "2025-06-04T22:00:00.000Z", timeZone: "Europe/Paris", expected: "id-protection" },
    ]
    const program = Effect.forEach(cases, ({ at, timeZone }, index) =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse(at))
        const { accountId } = yield* registerPersonalAccount(personal(keys[index]!, timeZone), customer)
        return (yield* listLicenses(accountId)).map((l) => l.productId)
      }),
    )
    const registered = await app().runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
    expect(registered).toEqual(cases.map((c) => [c.expected]))

    // Adding a key decides on the owner's day too: 15:00 UTC is 5 June in Tokyo, 4 June in Paris.
    const added = await app().runtime.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2025-06-04T15:00:00.000Z"))
        const tokyo = yield* registerPersonalAccount(personal(keys[4]!, "Asia/Tokyo"), customer)
        const paris = yield* registerPersonalAccount(personal(keys[5]!, "Europe/Paris"), customer)
        yield* addLicense(tokyo.accountId, keys[6]!, customer(tokyo.accountId))
        yield* addLicense(paris.accountId, keys[7]!, customer(paris.accountId))
        const of = (id: string) => Effect.map(listLicenses(id), (ls) => ls.map((l) => l.productId))
        return [yield* of(tokyo.accountId), yield* of(paris.accountId)]
      }).pipe(Effect.provide(TestContext.TestContext)),
    )
    expect(added).toEqual([
      ["id-protection", "id-protection"],
      ["password-manager", "password-manager"],
    ])
    // The plans' read model and the licences registered as the target rebuild the same from the log.
    const report = await app().runtime.runPromise(Effect.flatMap(AuditLog, (audit) => audit.replay()))
    expect(report.drift).toEqual([])
    expect(report.projections).toEqual(expect.arrayContaining(["switch_plans", "licenses"]))
  })
})

describe("adding an unused Password Manager key in the portal", () => {
  const app = customerAppOn(stores[0], () => ({ portal: true }))
  const { call } = callsTo(app)
  beforeAll(() => app().runtime.runPromise(createSwitchPlan(rules, operator)))

  it("confirms it as ID Protection, says it was a Password Manager key, and lists ID Protection", async () => {
    const [first] = await app().issue(1, { productId: "id-protection", packageId: "annual" })
    const form = personal(first!)
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const browser = await signedInPortalBrowser(app().app, { loginId: form.email, password })
    const [key] = await app().issue(1, { productId: "password-manager", packageId: "annual" })
    const confirm = await browser.post("/products/add", { licenseKey: key! })
    expect(confirm.status).toBe(200)
    const page = await confirm.text()
    expect(page).toContain("<h2>ID プロテクション</h2>")
    expect(page).toContain(
      "このパスワードマネージャーのキーは「ID プロテクション」のキーとして登録されます。",
    )
    const added = await browser.post("/products/add/confirm", { licenseKey: key!, acceptEula: "on" })
    expect(added.status).toBe(303)
    const list = await (await browser.get("/products")).text()
    expect(list).toContain("ID プロテクション")
    expect(list).not.toContain("パスワードマネージャー")
  })
})
