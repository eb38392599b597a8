import { describe, expect, it } from "vitest"
import {
  activateVault,
  type ClientKey,
  createVaultApi,
  formatClientKey,
  memoryKeyStore,
  unlockVault,
  type VaultEnvelope,
} from "../../apps/vault-client/index.js"

// A stand-in for the server that only records what the library sends and answers with canned JSON:
// it checks request shapes, not the server (the HTTP tests run the real one end to end).
const recorder = (
  answer: (method: string, path: string, body: unknown) => { status: number; json?: unknown },
) => {
  const requests: Array<{ method: string; url: string; headers: Record<string, string>; body: unknown }> = []
  const fetch = async (url: string, init: RequestInit) => {
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    )
    requests.push({ method: init.method ?? "GET", url, headers, body })
    const { status, json } = answer(init.method ?? "GET", new URL(url).pathname, body)
    return new Response(status === 204 || json === undefined ? null : JSON.stringify(json), {
      status,
      headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
    })
  }
  return { requests, fetch }
}

const spellings = (key: ClientKey) => [key.canonical, formatClientKey(key), key.canonical.toLowerCase()]

describe("the vault API client", () => {
  it("sends the routes' shapes, with bearer, key proof and idempotency headers", async () => {
    const { requests, fetch } = recorder((method) => ({
      status: method === "DELETE" ? 204 : 200,
      json: { items: [] },
    }))
    const api = createVaultApi({
      baseUrl: "https://id.example/",
      fetch,
      headers: { authorization: "Bearer t" },
    })
    await api.status("id-protection")
    await api.listItems("id-protection", "proof", { after: "c1", limit: 10 })
    await api.saveItem("id-protection", "proof", "item 1", {
      baseVersion: 0,
      dataKeyVersion: 1,
      iv: "i",
      ciphertext: "c",
    })
    await api.deleteItem("id-protection", "proof", "item-1", 2)
    await api.reset("id-protection", { password: "pw", confirmation: "RESET" })
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET https://id.example/v1/account/vault/id-protection",
      "GET https://id.example/v1/account/vault/id-protection/items?after=c1&limit=10",
      "PUT https://id.example/v1/account/vault/id-protection/items/item%201",
      "DELETE https://id.example/v1/account/vault/id-protection/items/item-1?baseVersion=2",
      "POST https://id.example/v1/account/vault/id-protection/reset",
    ])
    expect(requests.every((r) => r.headers.authorization === "Bearer t")).toBe(true)
    expect(requests[1]?.headers["vault-key-proof"]).toBe("proof")
    expect(requests[0]?.headers["vault-key-proof"]).toBeUndefined()
    expect(requests[4]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/)
    expect(requests[2]?.body).toEqual({ baseVersion: 0, dataKeyVersion: 1, iv: "i", ciphertext: "c" })
  })

  it("turns problem+json into a VaultProblem named by its slug", async () => {
    const problem = {
      type: "https://portcullis.dev/problems/vault-key-stale",
      title: "Stale",
      status: 409,
      keyVersion: 2,
    }
    const { fetch } = recorder(() => ({ status: 409, json: problem }))
    const api = createVaultApi({ baseUrl: "http://x", fetch })
    await expect(
      api.unlock("id-protection", { password: "p", keyProof: "k", device: { id: "d", name: "n" } }),
    ).rejects.toMatchObject({
      _tag: "VaultProblem",
      status: 409,
      slug: "vault-key-stale",
      problem,
    })
  })

  it("activates and unlocks without the client key, the vault key or the plaintext in any request", async () => {
    let envelope: VaultEnvelope | undefined
    const vaultId = { current: "" }
    const { requests, fetch } = recorder((method, path, body) => {
      const b = body as { envelope?: VaultEnvelope; vaultId?: string }
      if (method === "POST" && path.endsWith("/id-protection")) {
        envelope = b.envelope
        vaultId.current = b.vaultId ?? ""
        return {
          status: 201,
          json: { vaultId: b.vaultId, keyVersion: 1, dataKeyVersion: 1, activatedAt: "2026-12-02T08:00:00Z" },
        }
      }
      if (method === "GET") {
        return {
          status: 200,
          json: {
            product: "id-protection",
            state: "active",
            vaultId: vaultId.current,
            salt: envelope?.salt,
            itemCount: 0,
            devices: [],
          },
        }
      }
      if (path.endsWith("/unlock")) {
        return {
          status: 200,
          json: { vaultId: vaultId.current, keyVersion: 1, dataKeyVersion: 1, envelope, newDevice: true },
        }
      }
      return { status: 201, json: { itemId: "x", version: 1, updatedAt: "2026-12-02T08:00:00Z" } }
    })
    const api = createVaultApi({ baseUrl: "http://x", fetch })
    const product = "id-protection" as const
    const { session, clientKey } = await activateVault({
      api,
      product,
      password: "pw",
      device: { id: "d1", name: "PC" },
    })
    await session.save({ baseVersion: 0, content: { kind: "note", title: "bank", text: "PIN 4321" } })
    const device2 = memoryKeyStore()
    const typed = formatClientKey(clientKey).toLowerCase()
    const unlocked = await unlockVault({
      api,
      product,
      password: "pw",
      device: { id: "d2", name: "phone" },
      clientKey: typed,
      keyStore: device2,
    })
    expect(unlocked.session.clientKey).toEqual(clientKey)
    expect((await device2.get(product))?.clientKey).toBe(clientKey.canonical)
    // Activation and unlock derive the same proof from the same key and salt.
    expect(requests[3]?.body).toMatchObject({
      keyProof: (requests[0]?.body as { keyProof: string } | undefined)?.keyProof,
    })
    const sent = JSON.stringify(requests)
    for (const secret of [...spellings(clientKey), "PIN 4321", "bank"]) expect(sent).not.toContain(secret)
    await expect(
      unlockVault({
        api,
        product,
        password: "pw",
        device: { id: "d3", name: "x" },
        clientKey: `${typed.slice(0, -1)}${typed.endsWith("2") ? "3" : "2"}`,
      }),
    ).rejects.toMatchObject({ _tag: "ClientKeyMalformed", reason: "check" })
    await expect(
      unlockVault({ api, product, password: "pw", device: { id: "d3", name: "x" } }),
    ).rejects.toMatchObject({
      _tag: "ClientKeyNeeded",
    })
  })
})
