import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  activateVault,
  createVaultApi,
  formatClientKey,
  memoryKeyStore,
  unlockVault,
  type VaultAccess,
  type VaultProblem,
} from "../../apps/vault-client/index.js"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { refusal } from "./vault-refusal.js"

// The vault's HTTP contract, driven by the client library a customer app would use: every answer
// is checked against /openapi.json by `customerApp`, and no secret may reach its log.

type App = Awaited<ReturnType<typeof customerApp>>
let api: App
const { call, registerAndLogin } = callsTo(() => api)

beforeAll(async () => {
  api = await customerApp()
})
afterAll(() => api.close())

const product = "id-protection" as const
const base = "http://portcullis.test"

const deviceApi = (token: string) =>
  createVaultApi({
    baseUrl: base,
    fetch: async (url, init) => api.app.request(url, init),
    headers: { authorization: `Bearer ${token}` },
  })

const access = (token: string, name: string): VaultAccess => ({
  api: deviceApi(token),
  product,
  device: { id: crypto.randomUUID(), name },
  keyStore: memoryKeyStore(),
})

const vaultPath = `/v1/account/vault/${product}`

describe("the vault over HTTP", () => {
  it("is not activated until the client activates it, then once only", async () => {
    const { token, form } = await registerAndLogin()
    const laptop = access(token, "Laptop")
    expect(await laptop.api.status(product)).toEqual({
      product,
      state: "not-activated",
      itemCount: 0,
      devices: [],
    })
    expect(await refusal(activateVault({ ...laptop, password: "wrong-password" }))).toMatchObject({
      status: 403,
      slug: "password-incorrect",
    })
    const { session, clientKey } = await activateVault({ ...laptop, password: form.password })
    const status = await laptop.api.status(product)
    expect(status).toMatchObject({
      state: "active",
      vaultId: session.vaultId,
      keyVersion: 1,
      dataKeyVersion: 1,
    })
    expect(status.devices.map((d) => d.name)).toEqual(["Laptop"])
    expect(JSON.stringify(status)).not.toContain(clientKey.canonical)
    expect(
      await refusal(activateVault({ ...access(token, "Phone"), password: form.password })),
    ).toMatchObject({
      status: 409,
      slug: "vault-already-activated",
    })
  })

  it("unlocks a second device with the typed key, keeps items apart by version, and refuses a wrong key", async () => {
    const { token, form } = await registerAndLogin()
    const laptop = access(token, "Laptop")
    const { session: one, clientKey } = await activateVault({ ...laptop, password: form.password })
    const typed = formatClientKey(clientKey).toLowerCase().replaceAll("-", " ")
    const { session: two, newDevice } = await unlockVault({
      ...access(token, "Phone"),
      password: form.password,
      clientKey: typed,
    })
    expect(newDevice).toBe(true)

    const saved = await one.save({
      baseVersion: 0,
      content: { kind: "note", title: "Bank", text: "PIN 4711" },
    })
    expect(saved.version).toBe(1)
    const [seen] = await two.items()
    expect(seen).toMatchObject({
      itemId: saved.itemId,
      version: 1,
      content: { title: "Bank", text: "PIN 4711" },
    })
    await two.save({
      itemId: saved.itemId,
      baseVersion: 1,
      content: { kind: "note", title: "Bank", text: "PIN 0815" },
    })
    const conflict = await refusal(
      one.save({
        itemId: saved.itemId,
        baseVersion: 1,
        content: { kind: "note", title: "Bank", text: "lost" },
      }),
    )
    expect(conflict).toMatchObject({
      status: 409,
      slug: "vault-item-conflict",
      problem: { currentVersion: 2 },
    })
    expect((await one.get(saved.itemId)).content).toMatchObject({ text: "PIN 0815" })

    await one.delete(saved.itemId, 2)
    expect(await refusal(one.get(saved.itemId))).toMatchObject({ status: 404, slug: "vault-item-not-found" })
    expect(
      await refusal(
        one.save({ itemId: saved.itemId, baseVersion: 2, content: { kind: "note", title: "x", text: "" } }),
      ),
    ).toMatchObject({ status: 409, slug: "vault-item-deleted" })

    // Another account's key, well formed: the server cannot tell it from a typo but says it is wrong.
    const other = await registerAndLogin()
    const { clientKey: otherKey } = await activateVault({
      ...access(other.token, "Other"),
      password: other.form.password,
    })
    expect(
      await refusal(
        unlockVault({ ...access(token, "Tablet"), password: form.password, clientKey: otherKey }),
      ),
    ).toMatchObject({ status: 403, slug: "vault-key-incorrect", problem: { keyVersion: 1 } })
  })

  it("asks for the key proof, and answers envelopes and ciphertexts uncacheable", async () => {
    const { token, form } = await registerAndLogin()
    const laptop = access(token, "Laptop")
    const { session } = await activateVault({ ...laptop, password: form.password })
    await session.save({ baseVersion: 0, content: { kind: "note", title: "a", text: "b" } })
    const auth = { authorization: `Bearer ${token}` }
    for (const proof of [undefined, "short", "!".repeat(43)]) {
      const answer = await call(`${vaultPath}/items`, {
        headers: proof === undefined ? auth : { ...auth, "vault-key-proof": proof },
      })
      expect(answer.status).toBe(400)
      expect(answer.headers.get("content-type")).toContain("application/problem+json")
      expect(answer.body.type).toMatch(/\/vault-key-proof-required$/)
    }
    const stored = await laptop.keyStore!.get(product)
    const unlocked = await unlockVault({ ...laptop, password: form.password })
    expect(unlocked.newDevice).toBe(false)
    expect(stored?.clientKey).toBe(session.clientKey.canonical)
    const listed = await laptop.api.listItems(product, "A".repeat(43)).catch((e: VaultProblem) => e.status)
    expect(listed).toBe(403)
    const page = await api.app.request(`${vaultPath}/items`, {
      headers: { ...auth, "vault-key-proof": await proofOf(laptop, token, form.password) },
    })
    expect(page.status).toBe(200)
    expect(page.headers.get("cache-control")).toBe("no-store")
    const malformed = await call(`${vaultPath}/items/not-a-uuid`, { headers: auth })
    expect(malformed.status).toBe(422)
    expect(malformed.body.errors).toEqual([expect.objectContaining({ in: "path", field: "/itemId" })])
  })

  it("rotates the key: the old device is told to enter the new key, every item still opens", async () => {
    const { token, form } = await registerAndLogin()
    const { session: laptop } = await activateVault({ ...access(token, "Laptop"), password: form.password })
    const phoneAccess = access(token, "Phone")
    const { session: phone } = await unlockVault({
      ...phoneAccess,
      password: form.password,
      clientKey: laptop.clientKey,
    })
    // Enough items that the re-encrypting rotation's body is larger than the API's usual 64 KiB.
    const text = "x".repeat(3000)
    for (let i = 0; i < 30; i++)
      await laptop.save({ baseVersion: 0, content: { kind: "note", title: `n${i}`, text } })

    const newKey = await laptop.rotateKey({ password: form.password, reencrypt: true })
    expect(laptop.keyVersion).toBe(2)
    expect(laptop.dataKeyVersion).toBe(2)
    expect((await laptop.items()).map((item) => item.content.title).sort()).toHaveLength(30)
    expect(await refusal(phone.items())).toMatchObject({
      status: 409,
      slug: "vault-key-stale",
      problem: { keyVersion: 2 },
    })
    // The phone keeps the old key: unlocking with it alone is refused the same way.
    await expect(unlockVault({ ...phoneAccess, password: form.password })).rejects.toMatchObject({
      _tag: "ClientKeyNeeded",
      reason: "key-rotated",
    })
    const { session: again } = await unlockVault({
      ...phoneAccess,
      password: form.password,
      clientKey: newKey,
    })
    expect((await again.items()).every((item) => item.content.kind === "note")).toBe(true)
    expect((await phoneAccess.api.status(product)).keyRotatedAt).toBeDefined()
  })

  it("refuses one item's body beyond the API's limit, which only the rotation may exceed", async () => {
    const { token, form } = await registerAndLogin()
    const laptop = access(token, "Laptop")
    const { session } = await activateVault({ ...laptop, password: form.password })
    const answer = await api.app.request(`${vaultPath}/items/${crypto.randomUUID()}`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "vault-key-proof": await proofOf(laptop, token, form.password),
      },
      body: JSON.stringify({
        baseVersion: 0,
        dataKeyVersion: session.dataKeyVersion,
        iv: "A".repeat(16),
        ciphertext: "A".repeat(70_000),
      }),
    })
    expect(answer.status).toBe(413)
  })

  it("resets on the customer's word: typed RESET and the password; then a new vault can start", async () => {
    const { token, form } = await registerAndLogin()
    const laptop = access(token, "Laptop")
    const { session } = await activateVault({ ...laptop, password: form.password })
    await session.save({ baseVersion: 0, content: { kind: "login", title: "Mail", password: "hunter22" } })
    const reset = (body: Record<string, unknown>) =>
      call(`${vaultPath}/reset`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    expect((await reset({ password: form.password, confirmation: "reset please" })).body.type).toMatch(
      /\/vault-reset-not-confirmed$/,
    )
    expect((await reset({ password: "not-the-password", confirmation: "RESET" })).status).toBe(403)
    expect(await laptop.api.status(product)).toMatchObject({ state: "active", itemCount: 1 })
    const done = await reset({ password: form.password, confirmation: "RESET" })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ state: "reset" })
    expect(await laptop.api.status(product)).toMatchObject({ state: "reset", itemCount: 0, devices: [] })
    expect(await refusal(session.items())).toMatchObject({ status: 409, slug: "vault-not-activated" })
    // Sent again (a retry after a lost answer), it answers the same reset.
    expect((await reset({ password: form.password, confirmation: "RESET" })).body).toEqual(done.body)
    const { session: fresh } = await activateVault({ ...laptop, password: form.password })
    expect(fresh.vaultId).not.toBe(session.vaultId)
    expect(await fresh.items()).toEqual([])
  })

  it("publishes every vault route with its request and response schemas", async () => {
    const document = (await call("/openapi.json")).body
    const paths = Object.keys(document.paths).filter((path) => path.startsWith("/v1/account/vault"))
    expect(paths.sort()).toEqual([
      "/v1/account/vault/{product}",
      "/v1/account/vault/{product}/export",
      "/v1/account/vault/{product}/imports",
      "/v1/account/vault/{product}/items",
      "/v1/account/vault/{product}/items/{itemId}",
      "/v1/account/vault/{product}/key-rotation",
      "/v1/account/vault/{product}/reset",
      "/v1/account/vault/{product}/unlock",
    ])
    const rotation = document.paths["/v1/account/vault/{product}/key-rotation"].post
    expect(rotation.requestBody.content["application/json"].schema).toBeDefined()
    expect(rotation.responses["200"].content["application/json"].schema).toBeDefined()
    expect(Object.keys(rotation.responses)).toEqual(
      expect.arrayContaining(["400", "403", "409", "422", "429"]),
    )
    expect(rotation.parameters.map((p: { name: string }) => p.name)).toContain("Vault-Key-Proof")
  })
})

/** The current key's proof, as the device derives it (the library keeps it inside its session). */
const proofOf = async (device: VaultAccess, token: string, password: string) => {
  let proof = ""
  const spy = createVaultApi({
    baseUrl: base,
    fetch: async (url, init) => {
      const header = new Headers(init.headers).get("vault-key-proof")
      if (header) proof = header
      return api.app.request(url, init)
    },
    headers: { authorization: `Bearer ${token}` },
  })
  const { session } = await unlockVault({ ...device, api: spy, password })
  await session.items()
  return proof
}
