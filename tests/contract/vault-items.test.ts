// The vault's activation, unlock and item use cases on the real app layer, SQLite and PostgreSQL.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { AuditLog } from "../../application/audit/audit-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import {
  activateVault,
  deleteVaultItem,
  listVaultItems,
  readVaultItem,
  saveVaultItem,
  unlockVault,
} from "../../application/vault/index.js"
import { vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import { customerOf, password, tagOf, useVaultApp, vaultTargets } from "../support/vault-app.js"
import { envelopeOf, laptop, nextId, phone, product, proofOf } from "../support/vault-inputs.js"

describe.each(vaultTargets)("vault activation, unlock and items on $name", (target) => {
  const app = useVaultApp(target)

  /** A new account with an active vault under key `k1`, opened on the laptop. */
  const activated = Effect.gen(function* () {
    const accountId = yield* app().register
    const vaultId = nextId()
    const meta = customerOf(accountId)
    const answer = yield* activateVault(
      accountId,
      product,
      { password, vaultId, envelope: envelopeOf(1), keyProof: proofOf("k1"), device: laptop },
      meta,
    )
    return { accountId, vaultId, meta, answer }
  })

  it("activates once, answers a repeat the same, tells every address, and keeps no proof in clear", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, meta, answer } = yield* activated
        const again = yield* activateVault(
          accountId,
          product,
          { password, vaultId, envelope: envelopeOf(1), keyProof: proofOf("k1"), device: laptop },
          meta,
        )
        const other = yield* tagOf(
          activateVault(
            accountId,
            product,
            { password, vaultId: nextId(), envelope: envelopeOf(2), keyProof: proofOf("k2"), device: laptop },
            meta,
          ),
        )
        const wrongPassword = yield* tagOf(
          activateVault(
            accountId,
            product,
            { password: "not it", vaultId, envelope: envelopeOf(1), keyProof: proofOf("k1"), device: laptop },
            meta,
          ),
        )
        const stream = yield* (yield* EventStore).readStream(vaultStreamId(accountId, product))
        return { accountId, vaultId, answer, again, other, wrongPassword, stream, mails: yield* app().mails }
      }),
    )
    expect(result.answer).toEqual({
      vaultId: result.vaultId,
      keyVersion: 1,
      dataKeyVersion: 1,
      activatedAt: "2026-12-01T00:00:00.000Z",
    })
    expect(result.again).toEqual(result.answer)
    expect(result.other).toBe("VaultAlreadyActivated")
    expect(result.wrongPassword).toBe("PasswordIncorrect")
    expect(result.stream.map((e) => e.type)).toEqual(["VaultActivated", "VaultKeyWrapped"])
    expect(JSON.stringify(result.stream)).not.toContain(proofOf("k1"))
    const told = result.mails.filter((m) => m.subject.includes("保管庫が有効になりました"))
    expect(told).toHaveLength(1)
    expect(told[0]!.to).toHaveLength(3)
  })

  it("unlocks a known device quietly, tells of a new one, and refuses a wrong key, counted", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, meta } = yield* activated
        yield* TestClock.adjust("1 minute")
        const known = yield* unlockVault(
          accountId,
          product,
          { password, keyProof: proofOf("k1"), device: laptop },
          meta,
        )
        const before = (yield* app().mails).length
        const fresh = yield* unlockVault(
          accountId,
          product,
          { password, keyProof: proofOf("k1"), device: phone },
          meta,
        )
        const told = (yield* app().mails).slice(before)
        const wrongKey = yield* tagOf(
          unlockVault(accountId, product, { password, keyProof: proofOf("k9"), device: phone }, meta),
        )
        const wrongPassword = yield* tagOf(
          unlockVault(accountId, product, { password: "nope", keyProof: proofOf("k1"), device: phone }, meta),
        )
        // Five failures are free, then the counter waits: wrong proofs and passwords on one count.
        const guesses: Array<string> = []
        for (let i = 0; i < 5; i++) {
          guesses.push(yield* tagOf(listVaultItems(accountId, product, proofOf(`guess${i}`), { limit: 10 })))
        }
        return { known, fresh, told, wrongKey, wrongPassword, guesses }
      }),
    )
    expect(result.known).toMatchObject({
      keyVersion: 1,
      dataKeyVersion: 1,
      envelope: envelopeOf(1),
      newDevice: false,
    })
    expect(result.fresh.newDevice).toBe(true)
    expect(result.told.map((m) => m.subject)).toEqual([
      "【Portcullis】新しいデバイスで保管庫のロックが解除されました",
    ])
    expect(result.told[0]!.text).toContain("Phone")
    expect(result.wrongKey).toBe("VaultKeyIncorrect")
    expect(result.wrongPassword).toBe("PasswordIncorrect")
    // 1 wrong key + 1 wrong password + 3 guesses are the free five; the next starts the wait.
    expect(result.guesses).toEqual([
      "VaultKeyIncorrect",
      "VaultKeyIncorrect",
      "VaultKeyIncorrect",
      "VaultKeyIncorrect",
      "RateLimited",
    ])
  })

  it("saves, refuses a conflicting save, deletes and erases the saves, and pages the list", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, meta } = yield* activated
        const key = proofOf("k1")
        const save = (itemId: string, baseVersion: number, n: number) =>
          saveVaultItem(
            accountId,
            product,
            key,
            itemId,
            { baseVersion, dataKeyVersion: 1, iv: `iv-${itemId}-${n}`, ciphertext: `ct-${itemId}-${n}` },
            meta,
          )
        const ids = [nextId(), nextId(), nextId(), nextId(), nextId()]
        for (const id of ids) yield* save(id, 0, 1)
        yield* TestClock.adjust("1 minute")
        const second = yield* save(ids[0]!, 1, 2)
        const repeat = yield* save(ids[0]!, 1, 2)
        const conflict = yield* Effect.flip(save(ids[0]!, 1, 3))
        const stale = yield* tagOf(
          saveVaultItem(
            accountId,
            product,
            key,
            ids[1]!,
            { baseVersion: 1, dataKeyVersion: 2, iv: "x", ciphertext: "y" },
            meta,
          ),
        )
        const read = yield* readVaultItem(accountId, product, key, ids[0]!)
        yield* deleteVaultItem(accountId, product, key, ids[2]!, 1, meta)
        const deletedRead = yield* tagOf(readVaultItem(accountId, product, key, ids[2]!))
        const saveDeleted = yield* tagOf(save(ids[2]!, 2, 9))
        const deleteConflict = yield* tagOf(deleteVaultItem(accountId, product, key, ids[3]!, 7, meta))
        const deleteMissing = yield* tagOf(deleteVaultItem(accountId, product, key, nextId(), 1, meta))
        const pages: Array<ReadonlyArray<string>> = []
        let after: string | undefined
        do {
          const page = yield* listVaultItems(accountId, product, key, { limit: 2, after })
          pages.push(page.items.map((item) => item.itemId))
          after = page.next
        } while (after !== undefined)
        const store = yield* EventStore
        const deletedStream = yield* store.readStream(vaultItemStreamId(accountId, vaultId, ids[2]!))
        const erasures = (yield* app().allEvents).filter((e) => e.streamId === "$erasures")
        const audit = yield* AuditLog
        return {
          ids,
          second,
          repeat,
          conflict,
          stale,
          read,
          deletedRead,
          saveDeleted,
          deleteConflict,
          deleteMissing,
          pages,
          deletedStream,
          erasures,
          verify: yield* audit.verify(),
          replay: yield* audit.replay(),
        }
      }),
    )
    const [first, , deleted] = result.ids
    expect(result.second).toEqual({ itemId: first, version: 2, updatedAt: "2026-12-01T00:01:00.000Z" })
    expect(result.repeat).toEqual(result.second)
    expect(result.conflict).toMatchObject({ _tag: "VaultItemConflict", currentVersion: 2 })
    expect(result.stale).toBe("VaultDataKeyStale")
    expect(result.read).toEqual({
      ...result.second,
      dataKeyVersion: 1,
      iv: `iv-${first}-2`,
      ciphertext: `ct-${first}-2`,
    })
    expect(result.deletedRead).toBe("VaultItemNotFound")
    expect(result.saveDeleted).toBe("VaultItemGone")
    expect(result.deleteConflict).toBe("VaultItemConflict")
    expect(result.deleteMissing).toBe("VaultItemNotFound")
    const live = result.ids.filter((id) => id !== deleted)
    expect(result.pages).toEqual([live.slice(0, 2), live.slice(2, 4)])
    expect(result.deletedStream.map((e) => [e.type, e.erased])).toEqual([
      ["VaultItemSaved", true],
      ["VaultItemDeleted", false],
    ])
    const erased = result.erasures.at(-1)!.data as { streamId: string; positions: Array<number> }
    expect(erased.streamId).toBe(result.deletedStream[0]!.streamId)
    expect(erased.positions).toEqual([result.deletedStream[0]!.position])
    expect(result.verify._tag).toBe("Intact")
    expect(result.replay.drift).toEqual([])
    expect(result.replay.projections).toContain("vault_items")
  })
})
