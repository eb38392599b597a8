import { createDecipheriv, hkdfSync } from "node:crypto"
import { describe, expect, it } from "vitest"
import {
  encryptItem,
  envelopeAad,
  itemAad,
  newVaultKey,
  sealEnvelope,
} from "../../apps/vault-client/crypto/vault-crypto.js"
import { generateClientKey } from "../../apps/vault-client/key/client-key.js"

// The byte format, re-implemented with node:crypto: what the library makes opens by the spec alone.
const b64 = (text: string) => Buffer.from(text, "base64url")
const openGcm = (key: Buffer, iv: Buffer, aad: string, sealed: Buffer) => {
  const decipher = createDecipheriv("aes-256-gcm", key, iv)
  decipher.setAAD(Buffer.from(aad, "utf8"))
  decipher.setAuthTag(sealed.subarray(-16))
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()])
}

describe("the vault's byte format", () => {
  it("is HKDF-SHA-256 and AES-256-GCM with the documented info and associated data", async () => {
    const clientKey = generateClientKey()
    const vaultKey = await newVaultKey()
    const context = {
      product: "id-protection" as const,
      vaultId: crypto.randomUUID(),
      keyVersion: 1,
      dataKeyVersion: 1,
    }
    const { envelope, keyProof } = await sealEnvelope(clientKey, vaultKey, context)
    const salt = b64(envelope.salt)
    const hkdf = (info: string) => Buffer.from(hkdfSync("sha256", clientKey.canonical, salt, info, 32))
    expect(b64(keyProof)).toEqual(hkdf("portcullis vault v1 proof"))
    const raw = openGcm(
      hkdf("portcullis vault v1 wrap"),
      b64(envelope.iv),
      envelopeAad(context),
      b64(envelope.wrappedVaultKey),
    )
    expect(envelopeAad(context)).toBe(`portcullis vault v1 envelope\nid-protection\n${context.vaultId}\n1\n1`)
    const exported = Buffer.from(await crypto.subtle.exportKey("raw", vaultKey))
    expect(raw).toEqual(exported)
    const item = { vaultId: context.vaultId, itemId: crypto.randomUUID(), version: 3, dataKeyVersion: 1 }
    const sealed = await encryptItem(vaultKey, item, { kind: "note", title: "鍵", text: "secret" })
    const plain = openGcm(raw, b64(sealed.iv), itemAad(item), b64(sealed.ciphertext))
    expect(itemAad(item)).toBe(`portcullis vault v1 item\n${item.vaultId}\n${item.itemId}\n3\n1`)
    expect(plain.length % 64).toBe(0)
    expect(JSON.parse(plain.toString("utf8"))).toEqual({ v: 1, kind: "note", title: "鍵", text: "secret" })
  })
})
