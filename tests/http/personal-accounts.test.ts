// Personal accounts (manual 000's consumer products) over HTTP, on SQLite and on PostgreSQL: a key,
// an address and a password; sign-in with the address; no company sections; and the address is one
// sign-in name with the business login IDs, whatever its case.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"

let counter = 0
const personal = (licenseKey: string, overrides: Record<string, unknown> = {}) => {
  counter += 1
  return {
    licenseKey,
    acceptEula: true,
    email: `hanako${counter}.${Date.now()}@example.jp`,
    password: "Kagi2Mori#Tsuki",
    passwordConfirmation: "Kagi2Mori#Tsuki",
    ...overrides,
  }
}

describe.each(stores)("personal accounts ($name)", (store) => {
  const app = customerAppOn(store)
  const { call } = callsTo(app)

  it("registers with a consumer key, signs in with the address in any case, and shows a personal account", async () => {
    const [key] = await app().issue(1, { productId: "password-manager", packageId: "annual" })
    const form = personal(key!)
    const created = await call("/v1/personal-accounts", json("POST", form))
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ accountId: expect.any(String), loginId: form.email })

    const login = await call(
      "/v1/sessions",
      json("POST", { loginId: form.email.toUpperCase(), password: form.password }),
    )
    expect(login.status).toBe(201)
    const token = login.body.token as string
    const account = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    expect(account.status).toBe(200)
    expect(account.body).toEqual({
      kind: "personal",
      accountId: created.body.accountId,
      loginId: form.email,
      email: form.email,
      language: "ja",
      timeZone: "Asia/Tokyo",
    })
    const licenses = await call("/v1/licenses", { headers: { authorization: `Bearer ${token}` } })
    expect(licenses.body.licenses).toEqual([expect.objectContaining({ productId: "password-manager" })])

    // "Registration complete" went to the address, with no company line.
    await app().deliverMail()
    const mails = (await Effect.runPromise(listMail(app().outboxDir))).filter((m) =>
      m.to.includes(form.email),
    )
    expect(mails).toHaveLength(1)
    const mail = await Effect.runPromise(showMail(app().outboxDir, mails[0]!.id))
    expect(mail.text).toContain(form.email)
    expect(mail.text).not.toContain("会社名")
  })

  it("has no company sections: they are refused with a problem, and nothing changes", async () => {
    const [key] = await app().issue(1, { productId: "id-protection", packageId: "annual" })
    const form = personal(key!)
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: form.email, password: form.password }))
    const token = login.body.token as string
    const before = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    const business = registration("unused")
    for (const [path, body] of [
      ["/v1/account/contractor", business.contractor],
      ["/v1/account/user", business.user],
    ] as const) {
      const refused = await call(path, json("PUT", body, token))
      expect(refused.status).toBe(409)
      expect(refused.body).toMatchObject({ type: expect.stringContaining("not-a-business-account") })
    }
    const after = await call("/v1/account", { headers: { authorization: `Bearer ${token}` } })
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"))
    // The password, shared by both kinds, changes.
    const changed = await call(
      "/v1/account/password",
      json(
        "PUT",
        {
          currentPassword: form.password,
          newPassword: "Neue9Himitsu#x",
          newPasswordConfirmation: "Neue9Himitsu#x",
        },
        token,
      ),
    )
    expect(changed.status).toBe(204)
  })

  it("takes an address once, whatever its case, and never one that is a business login ID", async () => {
    const [first, second, third] = await app().issue(3, { productId: "id-protection", packageId: "annual" })
    const form = personal(first!)
    expect((await call("/v1/personal-accounts", json("POST", form))).status).toBe(201)
    const again = await call(
      "/v1/personal-accounts",
      json("POST", personal(second!, { email: form.email.toUpperCase() })),
    )
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ type: expect.stringContaining("email-taken") })

    // A business account whose login ID is an address holds that name too.
    const [businessKey] = await app().issue()
    const company = { ...registration(businessKey!), loginId: `taro.${Date.now()}@example.jp` }
    expect((await call("/v1/accounts", json("POST", company))).status).toBe(201)
    const clash = await call(
      "/v1/personal-accounts",
      json("POST", personal(third!, { email: company.loginId })),
    )
    expect(clash.status).toBe(409)
    // Nothing was taken: the refused registration's key still registers.
    expect((await call("/v1/personal-accounts", json("POST", personal(third!)))).status).toBe(201)
  })

  it("refuses a business product's key, leaving the key free", async () => {
    const [key] = await app().issue()
    const refused = await call("/v1/personal-accounts", json("POST", personal(key!)))
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({
      type: expect.stringContaining("product-not-for-personal-accounts"),
      productId: "cloud-app-security",
    })
    expect((await call("/v1/accounts", json("POST", registration(key!)))).status).toBe(201)
  })

  it("checks the form: an address, the agreement, the password policy", async () => {
    const [key] = await app().issue(1, { productId: "id-protection", packageId: "annual" })
    const bad = await call(
      "/v1/personal-accounts",
      json("POST", personal(key!, { email: "not an address", acceptEula: false })),
    )
    expect(bad.status).toBe(422)
    const fields = (bad.body.errors as Array<{ field: string }>).map((e) => e.field)
    expect(fields).toEqual(expect.arrayContaining(["/email", "/acceptEula"]))
    const weak = await call(
      "/v1/personal-accounts",
      json("POST", personal(key!, { password: "short", passwordConfirmation: "short" })),
    )
    expect(weak.status).toBe(422)
    const weakFields = (weak.body.errors as Array<{ field: string }>).map((e) => e.field)
    expect(new Set(weakFields)).toEqual(new Set(["/password"]))
  })
})
