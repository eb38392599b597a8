// Key rotation, with and without re-encryption, on the real app layer, SQLite and PostgreSQL: the
// old key is told it is stale, the new one opens, and what the rotation retired is erased.
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { AuditLog } from "../../application/audit/audit-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import {
  listVaultItems,
  readVaultItem,
  rotateVaultKey,
  saveVaultItem,
  unlockVault,
} from "../../application/vault/index.js"
import { vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import { password, tagOf, useVaultApp, vaultTargets } from "../support/vault-app.js"
import { erasureBook } from "../support/vault-erasures.js"
import { envelopeOf, laptop, phone, product, proofOf } from "../support/vault-inputs.js"

describe.each(vaultTargets)("vault key rotation on $name", (target) => {
  const app = useVaultApp(target)

  it("rotates the key alone: the old key is stale, the new one opens, the old envelope is erased", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, meta, items } = yield* app().filledVault(2)
        const rotation = {
          password,
          keyProof: proofOf("k1"),
          fromKeyVersion: 1,
          envelope: envelopeOf(2),
          newKeyProof: proofOf("k2"),
          deviceId: laptop.deviceId,
        }
        const before = (yield* app().mails).length
        const rotated = yield* rotateVaultKey(accountId, product, rotation, meta)
        const repeated = yield* rotateVaultKey(accountId, product, rotation, meta)
        const told = (yield* app().mails).slice(before)
        const stale = yield* Effect.flip(listVaultItems(accountId, product, proofOf("k1"), { limit: 10 }))
        const oldKit = yield* tagOf(
          unlockVault(accountId, product, { password, keyProof: proofOf("k0"), device: phone }, meta),
        )
        const unlocked = yield* unlockVault(
          accountId,
          product,
          { password, keyProof: proofOf("k2"), device: phone },
          meta,
        )
        const listed = yield* listVaultItems(accountId, product, proofOf("k2"), { limit: 10 })
        const again = yield* tagOf(
          rotateVaultKey(accountId, product, { ...rotation, newKeyProof: proofOf("k3") }, meta),
        )
        const notNew = yield* tagOf(
          rotateVaultKey(
            accountId,
            product,
            { ...rotation, keyProof: proofOf("k2"), fromKeyVersion: 2, newKeyProof: proofOf("k1") },
            meta,
          ),
        )
        const stream = yield* (yield* EventStore).readStream(vaultStreamId(accountId, product))
        return { rotated, repeated, told, stale, oldKit, unlocked, listed, items, again, notNew, stream }
      }),
    )
    expect(result.rotated).toEqual({
      keyVersion: 2,
      dataKeyVersion: 1,
      rotatedAt: "2026-12-01T01:00:00.000Z",
    })
    expect(result.repeated).toEqual(result.rotated)
    expect(result.told.map((m) => m.subject)).toEqual(["【Portcullis】クライアントキーが変更されました"])
    expect(result.told[0]!.text).toContain("Laptop")
    expect(result.stale).toMatchObject({
      _tag: "VaultKeyStale",
      keyVersion: 2,
      rotatedAt: result.rotated.rotatedAt,
    })
    expect(result.oldKit).toBe("VaultKeyIncorrect")
    expect(result.unlocked).toMatchObject({ keyVersion: 2, envelope: envelopeOf(2), newDevice: true })
    expect(result.listed.items.map((i) => [i.itemId, i.version, i.dataKeyVersion])).toEqual(
      result.items.map((id) => [id, 2, 1]),
    )
    expect(result.again).toBe("VaultKeyStale")
    expect(result.notNew).toBe("VaultKeyNotNew")
    const wrapped = result.stream.filter((e) => e.type === "VaultKeyWrapped")
    expect(wrapped.map((e) => [e.erased, e.data === null])).toEqual([
      [true, true],
      [false, false],
    ])
    expect(result.stream.filter((e) => e.type !== "VaultKeyWrapped").every((e) => !e.erased)).toBe(true)
  })

  it("re-encrypts every item in one append, refuses a partial one, and erases the retired saves", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, meta, items } = yield* app().filledVault(2)
        const rotation = (chosen: ReadonlyArray<string>, dataKeyVersion = 2) => ({
          password,
          keyProof: proofOf("k1"),
          fromKeyVersion: 1,
          envelope: envelopeOf(2),
          newKeyProof: proofOf("k2"),
          reencrypt: {
            dataKeyVersion,
            items: chosen.map((itemId) => ({
              itemId,
              baseVersion: 2,
              iv: "iv-new",
              ciphertext: `new-${itemId}`,
            })),
          },
        })
        const partial = yield* Effect.flip(rotateVaultKey(accountId, product, rotation([items[0]!]), meta))
        const skipped = yield* tagOf(rotateVaultKey(accountId, product, rotation(items, 3), meta))
        const positionBefore = (yield* app().allEvents).at(-1)!.position
        const rotated = yield* rotateVaultKey(accountId, product, rotation(items), meta)
        const events = yield* app().allEvents
        const written = events.filter((e) => e.position > positionBefore && e.streamId !== "$erasures")
        const read = yield* readVaultItem(accountId, product, proofOf("k2"), items[1]!)
        const oldKeySave = yield* tagOf(
          saveVaultItem(
            accountId,
            product,
            proofOf("k2"),
            items[0]!,
            { baseVersion: 3, dataKeyVersion: 1, iv: "x", ciphertext: "y" },
            meta,
          ),
        )
        const store = yield* EventStore
        const itemStreams = yield* Effect.forEach(items, (id) =>
          store.readStream(vaultItemStreamId(accountId, vaultId, id)),
        )
        const audit = yield* AuditLog
        return {
          partial,
          skipped,
          rotated,
          written,
          read,
          oldKeySave,
          itemStreams,
          book: erasureBook(yield* app().allEvents),
          verify: yield* audit.verify(),
          replay: yield* audit.replay(),
        }
      }),
    )
    expect(result.partial).toMatchObject({ _tag: "VaultReencryptionIncomplete", unexpected: [] })
    expect((result.partial as { missing: ReadonlyArray<string> }).missing).toHaveLength(1)
    expect(result.skipped).toBe("VaultDataKeyStale")
    expect(result.rotated).toMatchObject({ keyVersion: 2, dataKeyVersion: 2 })
    // One commit: the vault's two events and one save per item, in consecutive positions.
    expect(result.written.map((e) => e.type)).toEqual([
      "VaultKeyRotated",
      "VaultKeyWrapped",
      "VaultItemSaved",
      "VaultItemSaved",
    ])
    const positions = result.written.map((e) => e.position)
    expect(positions).toEqual(positions.map((_, i) => positions[0]! + i))
    expect(result.read).toMatchObject({
      version: 3,
      dataKeyVersion: 2,
      ciphertext: `new-${result.read.itemId}`,
    })
    expect(result.oldKeySave).toBe("VaultDataKeyStale")
    for (const stream of result.itemStreams) {
      expect(stream.map((e) => e.erased)).toEqual([true, true, false])
    }
    expect(result.book.named).toEqual(result.book.erased)
    expect(result.book.erased.length).toBeGreaterThanOrEqual(5)
    expect(result.verify._tag).toBe("Intact")
    expect(result.replay.drift).toEqual([])
  })
})
