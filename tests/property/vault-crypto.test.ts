import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import {
  decryptItem,
  type EnvelopeContext,
  encryptItem,
  type ItemContext,
  newVaultKey,
  openEnvelope,
  sealEnvelope,
  type VaultItemContent,
} from "../../apps/vault-client/crypto/vault-crypto.js"
import { generateClientKey } from "../../apps/vault-client/key/client-key.js"

const envelopeContext = fc.record({
  product: fc.constant("id-protection" as const),
  vaultId: fc.uuid(),
  keyVersion: fc.integer({ min: 1, max: 50 }),
  dataKeyVersion: fc.integer({ min: 1, max: 50 }),
})
const itemContext = fc.record({
  vaultId: fc.uuid(),
  itemId: fc.uuid(),
  version: fc.integer({ min: 1, max: 1000 }),
  dataKeyVersion: fc.integer({ min: 1, max: 50 }),
})
const content: fc.Arbitrary<VaultItemContent> = fc.oneof(
  fc.record({ kind: fc.constant("note" as const), title: fc.string(), text: fc.string({ maxLength: 500 }) }),
  fc.record(
    { kind: fc.constant("login" as const), title: fc.string(), username: fc.string(), password: fc.string() },
    { requiredKeys: ["kind", "title"] },
  ),
)

// Which field a ciphertext is moved along, and to what.
const moved = <C extends object>(context: C, field: keyof C, other: string | number): C => ({
  ...context,
  [field]: typeof other === "number" ? (context[field] as number) + other : other,
})

describe("vault cryptography", () => {
  it("wraps and unwraps the vault key, and nothing else opens the envelope", async () => {
    await fc.assert(
      fc.asyncProperty(
        envelopeContext,
        fc.constantFrom<Array<keyof EnvelopeContext>>("vaultId", "keyVersion", "dataKeyVersion"),
        async (context, field) => {
          const clientKey = generateClientKey()
          const vaultKey = await newVaultKey()
          const { envelope, keyProof } = await sealEnvelope(clientKey, vaultKey, context)
          expect(envelope.wrappedVaultKey).toHaveLength(64)
          expect(keyProof).toHaveLength(43)
          const opened = await openEnvelope(clientKey, envelope, context)
          const item: ItemContext = { vaultId: context.vaultId, itemId: "i", version: 1, dataKeyVersion: 1 }
          const sealed = await encryptItem(vaultKey, item, { kind: "note", title: "t", text: "x" })
          expect(await decryptItem(opened, item, sealed)).toEqual({ kind: "note", title: "t", text: "x" })
          await expect(openEnvelope(generateClientKey(), envelope, context)).rejects.toMatchObject({
            _tag: "VaultDecryptionFailed",
          })
          const elsewhere: EnvelopeContext = moved(
            context,
            field,
            field === "vaultId" ? crypto.randomUUID() : 1,
          )
          await expect(openEnvelope(clientKey, envelope, elsewhere)).rejects.toMatchObject({
            _tag: "VaultDecryptionFailed",
          })
        },
      ),
      { numRuns: 30 },
    )
  })

  it("encrypts and decrypts items, padded, and a ciphertext moved to another item does not decrypt", async () => {
    const vaultKey = await newVaultKey()
    await fc.assert(
      fc.asyncProperty(
        itemContext,
        content,
        fc.constantFrom<Array<keyof ItemContext>>("vaultId", "itemId", "version", "dataKeyVersion"),
        async (context, value, field) => {
          const sealed = await encryptItem(vaultKey, context, value)
          expect(Buffer.from(sealed.ciphertext, "base64url").length % 64).toBe(16)
          expect(await decryptItem(vaultKey, context, sealed)).toEqual(value)
          const other: ItemContext = moved(
            context,
            field,
            field === "vaultId" || field === "itemId" ? crypto.randomUUID() : 1,
          )
          await expect(decryptItem(vaultKey, other, sealed)).rejects.toMatchObject({
            _tag: "VaultDecryptionFailed",
          })
          await expect(decryptItem(await newVaultKey(), context, sealed)).rejects.toMatchObject({
            _tag: "VaultDecryptionFailed",
          })
        },
      ),
      { numRuns: 60 },
    )
  })
})
