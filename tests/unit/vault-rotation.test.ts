import { describe, expect, it } from "vitest"
import { decryptItem, openEnvelope } from "../../apps/vault-client/crypto/vault-crypto.js"
import {
  activateVault,
  createVaultApi,
  memoryKeyStore,
  type RotateVaultKeyRequest,
  type SaveVaultItemRequest,
} from "../../apps/vault-client/index.js"

// What a rotation sends, checked with the cryptography alone: the canned answers below stand in
// for the server only so the library gets that far (the HTTP tests run the real one).
describe("a key rotation", () => {
  it("sends a new envelope under a new key, proves the old one, and re-encrypts every item so the new key opens it", async () => {
    const saved = new Map<string, SaveVaultItemRequest>()
    const sent: Array<{ path: string; proof?: string; body: unknown }> = []
    let activation: { vaultId: string; envelope: unknown; keyProof: string } | undefined
    const fetch = async (url: string, init: RequestInit) => {
      const path = new URL(url).pathname
      const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined
      const proof = (init.headers as Record<string, string>)["Vault-Key-Proof"]
      sent.push({ path, body, ...(proof === undefined ? {} : { proof }) })
      const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status })
      if (init.method === "PUT") {
        const itemId = decodeURIComponent(path.split("/").at(-1)!)
        saved.set(itemId, body)
        return json({ itemId, version: body.baseVersion + 1, updatedAt: "2026-12-02T08:00:00Z" }, 201)
      }
      if (path.endsWith("/items")) {
        const items = [...saved].map(([itemId, s]) => ({
          itemId,
          version: s.baseVersion + 1,
          dataKeyVersion: s.dataKeyVersion,
          iv: s.iv,
          ciphertext: s.ciphertext,
          updatedAt: "t",
        }))
        return json({ items })
      }
      if (path.endsWith("/key-rotation"))
        return json({ keyVersion: 2, dataKeyVersion: body.reencrypt ? 2 : 1, rotatedAt: "t" })
      activation = body
      return json({ vaultId: body.vaultId, keyVersion: 1, dataKeyVersion: 1, activatedAt: "t" }, 201)
    }
    const api = createVaultApi({ baseUrl: "http://x", fetch })
    const keyStore = memoryKeyStore()
    const product = "id-protection" as const
    const { session, clientKey } = await activateVault({
      api,
      product,
      password: "pw",
      device: { id: "d", name: "PC" },
      keyStore,
    })
    await session.save({ baseVersion: 0, content: { kind: "note", title: "one", text: "1" } })
    const second = await session.save({
      baseVersion: 0,
      content: { kind: "login", title: "two", password: "p2" },
    })
    await session.save({
      itemId: second.itemId,
      baseVersion: 1,
      content: { kind: "login", title: "two", password: "p3" },
    })

    const newKey = await session.rotateKey({ password: "pw", reencrypt: true })
    expect(newKey.canonical).not.toBe(clientKey.canonical)
    const rotation = sent.find((s) => s.path.endsWith("/key-rotation"))!
    const body = rotation.body as RotateVaultKeyRequest
    expect(rotation.proof).toBe(activation?.keyProof)
    expect(body.keyProof).not.toBe(activation?.keyProof)
    expect(body.fromKeyVersion).toBe(1)
    const vaultId = activation!.vaultId
    // Only the new key opens the new envelope, and the vault key in it opens every re-encrypted item.
    const context = { product, vaultId, keyVersion: 2, dataKeyVersion: 2 }
    await expect(openEnvelope(clientKey, body.envelope, context)).rejects.toMatchObject({
      _tag: "VaultDecryptionFailed",
    })
    const vaultKey = await openEnvelope(newKey, body.envelope, context)
    const contents = await Promise.all(
      (body.reencrypt?.items ?? []).map((item) =>
        decryptItem(
          vaultKey,
          { vaultId, itemId: item.itemId, version: item.baseVersion + 1, dataKeyVersion: 2 },
          item,
        ),
      ),
    )
    expect(body.reencrypt?.items.map((i) => i.baseVersion).sort()).toEqual([1, 2])
    expect(contents.map((c) => c.title).sort()).toEqual(["one", "two"])
    expect(contents).toContainEqual({ kind: "login", title: "two", password: "p3" })
    expect(session.keyVersion).toBe(2)
    expect((await keyStore.get(product))?.clientKey).toBe(newKey.canonical)
    expect(JSON.stringify(sent)).not.toContain(newKey.canonical)
  })
})
