// App sign-in over HTTP, on SQLite and PostgreSQL: a device signs in for one product, uses a short-lived
// access token, trades its refresh token once per refresh (a replay ends the session), and the account
// lists and signs out its devices. Apps and the portal do not take each other's tokens.
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"
import { twoFactorKit } from "./two-factor-kit.js"

const pm = "password-manager"
const password = "Kagi2Mori#Tsuki"
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }

let counter = 0

describe.each(stores)("app sessions over HTTP ($name)", (store) => {
  let smtp: SmtpTestServer
  beforeAll(async () => {
    smtp = await startSmtpTestServer()
  })
  afterAll(() => smtp.close())
  const app = customerAppOn(store, () => ({ smtpUrl: smtp.url }))
  const { call, registerAndLogin } = callsTo(app)
  const kit = twoFactorKit(app, () => smtp, call)

  /** A Password Manager customer, as manual 000 registers one: a key, an address, a password. */
  const customer = async () => {
    counter += 1
    const [key] = await app().issue(1, { productId: pm, packageId: "annual" })
    const email = `app${counter}.${Date.now()}@example.jp`
    const created = await call(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: email, password }))
    return { email, accountId: created.body.accountId as string, portal: login.body.token as string }
  }
  const signIn = (loginId: string, deviceName: string, productId = pm, secret = password) =>
    call("/v1/app-sessions", json("POST", { loginId, password: secret, productId, deviceName }))
  const refresh = (refreshToken: string) => call("/v1/app-sessions/refresh", json("POST", { refreshToken }))

  it("signs a device in, refreshes once per token, and ends the session when a used token comes back", async () => {
    const { email, accountId, portal } = await customer()
    const signedIn = await signIn(email, "Hanako's iPhone")
    expect(signedIn.status).toBe(201)
    expect(signedIn.headers.get("cache-control")).toBe("no-store")
    expect(signedIn.body).toMatchObject({ tokenType: "Bearer", sessionId: expect.any(String) })
    const { accessToken, refreshToken, sessionId } = signedIn.body
    expect(Date.parse(signedIn.body.accessExpiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000)
    expect(Date.parse(signedIn.body.refreshExpiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000)

    const me = await call("/v1/app/session", bearer(accessToken))
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ sessionId, accountId, productId: pm, deviceName: "Hanako's iPhone" })
    // One kind of token per door.
    expect((await call("/v1/app/session", bearer(portal))).status).toBe(401)
    expect((await call("/v1/account", bearer(accessToken))).status).toBe(401)
    // A forged expiry breaks the MAC.
    const [sid, , mac] = (accessToken as string).split(".")
    expect((await call("/v1/app/session", bearer(`${sid}.99999999999.${mac}`))).status).toBe(401)

    const next = await refresh(refreshToken)
    expect(next.status).toBe(200)
    expect(next.body.refreshToken).not.toBe(refreshToken)
    expect(next.body.sessionId).toBe(sessionId)
    expect((await call("/v1/app/session", bearer(next.body.accessToken))).status).toBe(200)

    // The first token again: a copy exists, so the whole session ends.
    const replay = await refresh(refreshToken)
    expect(replay.status).toBe(401)
    expect(replay.body).toMatchObject({ type: expect.stringContaining("refresh-token-reused") })
    expect((await call("/v1/app/session", bearer(next.body.accessToken))).status).toBe(401)
    const after = await refresh(next.body.refreshToken)
    expect(after.status).toBe(401)
    expect(after.body).toMatchObject({
      type: expect.stringContaining("app-session-ended"),
      reason: "reuse-detected",
    })
    // A guess at a live session's token revokes nothing.
    const live = (await signIn(email, "Tablet")).body
    expect((await refresh(`${live.sessionId}.${"0".repeat(64)}`)).body.type).toContain(
      "invalid-refresh-token",
    )
    expect((await call("/v1/app/session", bearer(live.accessToken))).status).toBe(200)
    expect((await refresh("nonsense")).body.type).toContain("invalid-refresh-token")

    const devices = await call("/v1/account/app-sessions", bearer(portal))
    expect(devices.status).toBe(200)
    expect(devices.body.items).toMatchObject([{ id: live.sessionId, deviceName: "Tablet" }])
  })

  it("lists the account's devices, and the account signs one out while the other keeps working", async () => {
    const { email, portal } = await customer()
    const phone = (await signIn(email, "Phone")).body
    const laptop = (await signIn(email, "  Laptop  ")).body
    const listed = await call("/v1/account/app-sessions", bearer(portal))
    expect(listed.body.items.map((d: { deviceName: string }) => d.deviceName).sort()).toEqual([
      "Laptop",
      "Phone",
    ])
    expect(JSON.stringify(listed.body)).not.toContain(phone.refreshToken.split(".")[1])

    // Another account cannot see or end this one's device.
    const stranger = await customer()
    const foreign = await call(
      `/v1/account/app-sessions/${phone.sessionId}`,
      bearer(stranger.portal, "DELETE"),
    )
    expect(foreign.status).toBe(404)
    expect(foreign.body).toMatchObject({ type: expect.stringContaining("app-session-not-found") })

    expect((await call(`/v1/account/app-sessions/${phone.sessionId}`, bearer(portal, "DELETE"))).status).toBe(
      204,
    )
    expect((await call(`/v1/account/app-sessions/${phone.sessionId}`, bearer(portal, "DELETE"))).status).toBe(
      204,
    )
    expect((await call("/v1/app/session", bearer(phone.accessToken))).status).toBe(401)
    expect((await refresh(phone.refreshToken)).body).toMatchObject({ reason: "by-account" })
    expect((await call("/v1/app/session", bearer(laptop.accessToken))).status).toBe(200)

    // The app signs itself out.
    expect((await call("/v1/app/session", bearer(laptop.accessToken, "DELETE"))).status).toBe(204)
    expect((await call("/v1/app/session", bearer(laptop.accessToken))).status).toBe(401)
    expect((await call("/v1/account/app-sessions", bearer(portal))).body.items).toEqual([])
  })

  it("signs the app's entitlement for its product and session", async () => {
    const { email, accountId } = await customer()
    const device = (await signIn(email, "Phone")).body
    const answer = await call("/v1/app/entitlement", bearer(device.accessToken))
    expect(answer.status).toBe(200)
    const keys = createLocalJWKSet((await call("/.well-known/jwks.json")).body as JSONWebKeySet)
    const { payload } = await jwtVerify(answer.body.token, keys, { audience: pm, typ: "entitlement+jwt" })
    expect(payload).toMatchObject({ sub: accountId, sid: device.sessionId })
  })

  it("refuses a wrong password, an unknown product and a blank device name, and asks 2FA's code", async () => {
    const { email } = await customer()
    const wrong = await call(
      "/v1/app-sessions",
      json("POST", { loginId: email, password: "Wrong9Password!", productId: pm, deviceName: "Phone" }),
    )
    expect(wrong.status).toBe(401)
    expect(wrong.body.type).toContain("invalid-credentials")
    const unknown = await signIn(email, "Phone", "licenses")
    expect(unknown.status).toBe(404)
    expect(unknown.body.type).toContain("product-not-found")
    expect((await signIn(email, "   ")).status).toBe(422)

    // A business account with 2FA on: the same challenge as the portal's, answered for the device.
    const business = await registerAndLogin()
    const { secret, activatedStep } = await kit.enable(business.token, business.form.user.email)
    const challenged = await call(
      "/v1/app-sessions",
      json("POST", {
        loginId: business.form.loginId,
        password: business.form.password,
        productId: "cloud-app-security",
        deviceName: "Agent",
      }),
    )
    expect(challenged.status).toBe(200)
    expect(challenged.body.accessToken).toBeUndefined()
    const path = `/v1/app-sessions/challenges/${challenged.body.challenge.id}/totp`
    const answered = await call(
      path,
      json("POST", {
        code: kit.totp(secret, activatedStep + 1),
        productId: "cloud-app-security",
        deviceName: "Agent",
      }),
    )
    expect(answered.status).toBe(201)
    const session = await call("/v1/app/session", bearer(answered.body.accessToken))
    expect(session.body).toMatchObject({ productId: "cloud-app-security", deviceName: "Agent" })
  })

  it("refuses sign-in, access and refresh once the product has ended, naming the successor", async () => {
    const product = "business-security-services"
    const business = await registerAndLogin()
    const device = (await signIn(business.form.loginId, "Agent", product, business.form.password)).body
    expect(device.accessToken).toEqual(expect.any(String))
    const endsAt = instantFromMillis(Date.now() + 1200)
    await app().runtime.runPromise(
      scheduleSunset(product, { endsAt, successor: "cloud-app-security" }, operator),
    )
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(endsAt) - Date.now() + 50)))
    for (const refused of [
      await signIn(business.form.loginId, "Agent 2", product, business.form.password),
      await call("/v1/app/session", bearer(device.accessToken)),
      await refresh(device.refreshToken),
    ]) {
      expect(refused.status).toBe(410)
      expect(refused.body).toMatchObject({
        type: expect.stringContaining("service-ended"),
        productId: product,
        successor: "cloud-app-security",
      })
    }
  })
})
