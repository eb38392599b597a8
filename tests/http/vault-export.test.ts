// The Password Manager's vault over HTTP with the client library, on SQLite and PostgreSQL: its
// export bundle opens on the device with the client key alone (CSV and JSON), each export is
// recorded; and after the product's end the vault reads, refuses writes and export, and its items
// still move into ID Protection.
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { EventStore } from "../../application/event-log/event-store.js"
import {
  activateVault,
  createVaultApi,
  exportToCsv,
  exportToJson,
  generateClientKey,
  memoryKeyStore,
  openExportBundle,
  unlockVault,
  type VaultAccess,
  type VaultExportBundle,
  type VaultProduct,
} from "../../apps/vault-client/index.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { vaultStreamId } from "../../domain/vault/vault-state.js"
import { json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"
import { refusal } from "./vault-refusal.js"

const password = "Kagi2Mori#Tsuki"
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }

describe.each(stores)("the Password Manager vault and its export on $name", (target) => {
  const app = customerAppOn(target)
  const { call } = callsTo(app)

  /** A Password Manager customer, signed in to the portal. */
  const customer = async () => {
    const [key] = await app().issue(1, { productId: "password-manager", packageId: "annual" })
    const email = `pm.${randomUUID()}@example.jp`
    const created = await call(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: email, password }))
    return { accountId: created.body.accountId as string, token: login.body.token as string }
  }
  const device = (token: string, product: VaultProduct, name = "Laptop"): VaultAccess => ({
    api: createVaultApi({
      baseUrl: "http://portcullis.test",
      headers: { authorization: `Bearer ${token}` },
      fetch: (url, init) => Promise.resolve(app().app.request(url, init)),
    }),
    product,
    device: { id: randomUUID(), name },
    keyStore: memoryKeyStore(),
  })
  const login = { kind: "login" as const, title: "Bank, main", username: "hanako", password: 'p"w,1\n2' }
  const note = { kind: "note" as const, title: "Wi-Fi", text: "SSID: home\nkey: 1234" }

  it("exports a bundle that only the client key opens, as CSV and JSON, and records each export", async () => {
    const { accountId, token } = await customer()
    const { session, clientKey } = await activateVault({ ...device(token, "password-manager"), password })
    await session.save({ baseVersion: 0, content: login })
    await session.save({ baseVersion: 0, content: note })

    const bundle = await session.export()
    expect(bundle).toMatchObject({
      format: "portcullis.vault-export",
      formatVersion: 1,
      product: "password-manager",
      vaultId: session.vaultId,
    })
    expect(bundle.items).toHaveLength(2)
    // Ciphertexts only: nothing typed above is in the bundle.
    expect(JSON.stringify(bundle)).not.toContain("hanako")

    const opened = await openExportBundle(bundle, clientKey)
    expect(opened.items.map((i) => i.content).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      login,
      note,
    ])
    const csv = exportToCsv(opened)
    expect(csv.startsWith("kind,title,username,password,url,notes\r\n")).toBe(true)
    expect(csv).toContain('login,"Bank, main",hanako,"p""w,1\n2",,\r\n')
    expect(csv).toContain('note,Wi-Fi,,,,"SSID: home\nkey: 1234"\r\n')
    expect(JSON.parse(exportToJson(opened))).toMatchObject({
      product: "password-manager",
      items: expect.arrayContaining([expect.objectContaining({ kind: "note", text: note.text })]),
    })

    expect(opened.unreadable).toEqual([])

    // An item damaged on the way is named, and the others are still there.
    const [damaged, intact] = bundle.items
    const flipped = `${damaged!.ciphertext.slice(0, -2)}${damaged!.ciphertext.endsWith("AA") ? "BA" : "AA"}`
    const partial = await openExportBundle(
      { ...bundle, items: [{ ...damaged!, ciphertext: flipped }, intact!] },
      clientKey,
    )
    expect(partial.unreadable).toEqual([{ itemId: damaged!.itemId, version: damaged!.version }])
    expect(partial.items.map((i) => i.itemId)).toEqual([intact!.itemId])

    // Another key does not open it; a file that is no bundle is said to be none.
    await expect(openExportBundle(bundle, generateClientKey())).rejects.toMatchObject({
      _tag: "VaultDecryptionFailed",
    })
    await expect(
      openExportBundle({ ...bundle, format: "zip" } as unknown as VaultExportBundle, clientKey),
    ).rejects.toMatchObject({ _tag: "VaultExportUnreadable" })

    // Over HTTP: a download, never cached; without the key proof, refused.
    const raw = await call("/v1/account/vault/password-manager/export", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    })
    expect(raw.status).toBe(400)
    expect(raw.body.type).toContain("vault-key-proof-required")

    const events = await app().runtime.runPromise(
      Effect.flatMap(EventStore, (store) => store.readStream(vaultStreamId(accountId, "password-manager"))),
    )
    const exports = events.filter((e) => e.type === "VaultExported")
    expect(exports).toHaveLength(1)
    expect(exports[0]!.data).toMatchObject({ itemCount: 2, keyVersion: 1 })
    expect(exports[0]!.metadata.actor).toEqual({ kind: "customer", id: accountId })
  })

  it("after the end reads, refuses writes and export, and lets the items move into ID Protection", async () => {
    const { token } = await customer()
    const pm = device(token, "password-manager")
    const { session, clientKey } = await activateVault({ ...pm, password })
    const saved = await session.save({ baseVersion: 0, content: login })
    await session.save({ baseVersion: 0, content: note })

    const endsAt = instantFromMillis(Date.now() + 1200)
    await app().runtime.runPromise(
      scheduleSunset("password-manager", { endsAt, successor: "id-protection" }, operator),
    )
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(endsAt) - Date.now() + 50)))

    // Read-only: listed and read, on this device and on a new one.
    expect(await session.items()).toHaveLength(2)
    const phone = await unlockVault({ ...device(token, "password-manager", "Phone"), password, clientKey })
    expect((await phone.session.get(saved.itemId)).content).toEqual(login)

    const readOnly = await refusal(session.save({ baseVersion: 0, content: note }))
    expect(readOnly).toMatchObject({ status: 409, slug: "read-only" })
    expect(readOnly.problem).toMatchObject({ productId: "password-manager", successor: "id-protection" })
    expect(await refusal(session.delete(saved.itemId, saved.version))).toMatchObject({ slug: "read-only" })
    expect(await refusal(session.rotateKey({ password }))).toMatchObject({ slug: "read-only" })
    expect(await refusal(session.export())).toMatchObject({ status: 409, slug: "export-disabled" })
    const reset = await call(
      "/v1/account/vault/password-manager/reset",
      json("POST", { password, confirmation: "RESET" }, token),
    )
    expect(reset.status).toBe(409)
    expect(reset.body.type).toContain("read-only")

    // The move: read here, written into the successor's vault under its own key.
    const { session: idp } = await activateVault({ ...device(token, "id-protection"), password })
    for (const item of await phone.session.items()) await idp.save({ baseVersion: 0, content: item.content })
    expect((await idp.items()).map((i) => i.content.title).sort()).toEqual(["Bank, main", "Wi-Fi"])
    // Nothing was lost on the way: the old vault still holds both.
    expect(await session.items()).toHaveLength(2)
  })
})
