// Signed entitlements over HTTP: what an app checks offline. Verified with a standard JOSE library
// (jose, used only here, as an app would), against the published key set; a key rotation on
// PostgreSQL leaves what the old key signed verifiable.
import { randomBytes } from "node:crypto"
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { renewLicense, suspendLicense } from "../../application/licensing/license-admin.js"
import { postgres } from "../support/stores.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

const support = { actor: { kind: "operator" as const, id: "test-support" } }
const product = "cloud-app-security"

describe("entitlements (SQLite)", () => {
  let app: Awaited<ReturnType<typeof customerApp>>
  beforeAll(async () => {
    app = await customerApp()
  })
  afterAll(() => app.close())
  const { call, registerAndLogin } = callsTo(() => app)

  const keySet = async () => {
    const answer = await call("/.well-known/jwks.json")
    expect(answer.status).toBe(200)
    expect(answer.headers.get("cache-control")).toBe("public, max-age=300")
    return createLocalJWKSet(answer.body as JSONWebKeySet)
  }

  it("signs what the account may use; the published key verifies it, a tampered token fails", async () => {
    const { token, accountId } = await registerAndLogin()
    const [second] = await app.issue()
    await call("/v1/licenses", json("POST", { licenseKey: second, acceptEula: true }, token))
    const answer = await call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(answer.status).toBe(200)
    const signed = answer.body.token as string
    expect(decodeProtectedHeader(signed)).toMatchObject({ alg: "EdDSA", typ: "entitlement+jwt" })

    const { payload } = await jwtVerify(signed, await keySet(), {
      audience: product,
      issuer: "http://portcullis.test",
      typ: "entitlement+jwt",
    })
    expect(payload.sub).toBe(accountId)
    expect(payload.entitlement).toMatchObject({ productId: product, seats: 100 })
    expect((payload.entitlement as { licenses: Array<unknown> }).licenses).toHaveLength(2)
    // A day at most, as the answer says.
    expect(payload.exp! - payload.iat!).toBe(24 * 60 * 60)
    expect(answer.body.expiresAt).toBe(new Date(payload.exp! * 1000).toISOString())

    // One character of the payload changed (seats 100 → 900): the signature no longer holds.
    const [head, body, signature] = signed.split(".")
    const forged = Buffer.from(
      Buffer.from(body!, "base64url").toString("utf8").replace('"seats":100', '"seats":900'),
    ).toString("base64url")
    await expect(jwtVerify(`${head}.${forged}.${signature}`, await keySet())).rejects.toThrow(/signature/)
    // Another product's audience is refused too.
    await expect(jwtVerify(signed, await keySet(), { audience: "id-protection" })).rejects.toThrow(/aud/)
  })

  it("gives no entitlement for an expired licence, and drops a suspended one from the next", async () => {
    const { token, key } = await registerAndLogin()
    const [second] = await app.issue()
    await call("/v1/licenses", json("POST", { licenseKey: second, acceptEula: true }, token))

    // Asked twice in a row: the same token (kept while nothing it states changed).
    const first = await call(`/v1/account/entitlements/${product}`, bearer(token))
    const again = await call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(again.body.token).toBe(first.body.token)
    expect(first.body.entitlement.seats).toBe(100)

    await app.runtime.runPromise(suspendLicense(second!, "payment overdue", support))
    const afterSuspension = await call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(afterSuspension.status).toBe(200)
    expect(afterSuspension.body.entitlement.licenses).toHaveLength(1)
    expect(afterSuspension.body.entitlement.seats).toBe(50)

    await app.runtime.runPromise(renewLicense(key, "2020-01-31", support))
    const none = await call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(none.status).toBe(403)
    expect(none.body).toMatchObject({ type: expect.stringContaining("not-entitled"), productId: product })
    // Another product the account holds nothing of: the same answer; one not in the catalogue: 404.
    expect((await call("/v1/account/entitlements/id-protection", bearer(token))).status).toBe(403)
    const unknown = await call("/v1/account/entitlements/licenses", bearer(token))
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ type: expect.stringContaining("product-not-found") })
  })

  it("asks for a session", async () => {
    const anonymous = await call(`/v1/account/entitlements/${product}`)
    expect(anonymous.status).toBe(401)
  })
})

describe("entitlements across a key rotation (PostgreSQL, two instances)", () => {
  let first: Awaited<ReturnType<typeof customerApp>>
  let second: Awaited<ReturnType<typeof customerApp>> | undefined
  let dispose = async () => {}
  let url = ""
  const secretKey = randomBytes(32).toString("base64")
  beforeAll(async () => {
    const fresh = await postgres.fresh()
    dispose = fresh.dispose
    url = fresh.url
    first = await customerApp({ databaseUrl: url, secretKey, signingKey: randomBytes(32).toString("base64") })
  })
  afterAll(async () => {
    await first.close()
    await second?.close()
    await dispose()
  })

  it("keeps the old key in the set after the new one signs, so earlier entitlements still verify", async () => {
    const calls = callsTo(() => first)
    const { token } = await calls.registerAndLogin()
    const before = await calls.call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(before.status).toBe(200)
    const oldKid = decodeProtectedHeader(before.body.token).kid

    // The operator rotates: an instance with a new PORTCULLIS_SIGNING_KEY on the same database.
    second = await customerApp({
      databaseUrl: url,
      secretKey,
      signingKey: randomBytes(32).toString("base64"),
    })
    const rotated = callsTo(() => second!)
    const after = await rotated.call(`/v1/account/entitlements/${product}`, bearer(token))
    expect(after.status).toBe(200)
    const newKid = decodeProtectedHeader(after.body.token).kid
    expect(newKid).not.toBe(oldKid)

    const set = (await rotated.call("/.well-known/jwks.json")).body as JSONWebKeySet
    expect(set.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort())
    for (const signed of [before.body.token, after.body.token]) {
      await expect(jwtVerify(signed, createLocalJWKSet(set), { audience: product })).resolves.toBeDefined()
    }
  })
})
