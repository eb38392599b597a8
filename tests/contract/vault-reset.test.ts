// Resets, by the customer (RESET, password, 2FA step-up) and by support, on the real app layer,
// SQLite and PostgreSQL: everything before the reset is erased, the audit stays green and names
// every erased position, a crash between the reset and its sweep is repaired, and a new vault starts.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { AuditLog } from "../../application/audit/audit-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import {
  activateVault,
  deleteVaultItem,
  finishVaultErasure,
  listVaultItems,
  resetVaultByCustomer,
  resetVaultBySupport,
} from "../../application/vault/index.js"
import { runVault } from "../../application/vault/vault-streams.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import { operator, password, start, tagOf, useVaultApp, vaultTargets } from "../support/vault-app.js"
import { erasureBook } from "../support/vault-erasures.js"
import { envelopeOf, laptop, nextId, product, proofOf } from "../support/vault-inputs.js"

describe.each(vaultTargets)("vault resets on $name", (target) => {
  const app = useVaultApp(target)

  const streamsOf = (accountId: string, vaultId: string, items: ReadonlyArray<string>) =>
    Effect.gen(function* () {
      const store = yield* EventStore
      return {
        vault: yield* store.readStream(vaultStreamId(accountId, product)),
        items: yield* Effect.forEach(items, (id) =>
          store.readStream(vaultItemStreamId(accountId, vaultId, id)),
        ),
      }
    })

  const audit = Effect.gen(function* () {
    const log = yield* AuditLog
    return {
      verify: yield* log.verify(),
      replay: yield* log.replay(),
      book: erasureBook(yield* app().allEvents),
    }
  })

  it("resets on RESET and the password, erases everything before, and a new vault starts after", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, meta, items } = yield* app().filledVault(1)
        const reset = (confirmation: string, given = password) =>
          resetVaultByCustomer(accountId, product, { password: given, confirmation }, meta)
        const unconfirmed = yield* tagOf(reset("reset"))
        const wrongPassword = yield* tagOf(reset("RESET", "not it"))
        const before = (yield* app().mails).length
        const done = yield* reset("RESET")
        const told = (yield* app().mails).slice(before)
        const streams = yield* streamsOf(accountId, vaultId, items)
        const listed = yield* tagOf(listVaultItems(accountId, product, proofOf("k1"), { limit: 10 }))
        const reused = yield* tagOf(
          activateVault(
            accountId,
            product,
            { password, vaultId, envelope: envelopeOf(1), keyProof: proofOf("k1"), device: laptop },
            meta,
          ),
        )
        const newVault = nextId()
        const again = yield* activateVault(
          accountId,
          product,
          { password, vaultId: newVault, envelope: envelopeOf(5), keyProof: proofOf("k5"), device: laptop },
          meta,
        )
        const emptyList = yield* listVaultItems(accountId, product, proofOf("k5"), { limit: 10 })
        const secondReset = yield* resetVaultBySupport(accountId, product, { reason: "lost key" }, operator)
        const afterSecond = yield* (yield* EventStore).readStream(vaultStreamId(accountId, product))
        return {
          unconfirmed,
          wrongPassword,
          done,
          told,
          streams,
          listed,
          reused,
          again,
          emptyList,
          secondReset,
          afterSecond,
        }
      }),
    )
    expect(result.unconfirmed).toBe("VaultResetNotConfirmed")
    expect(result.wrongPassword).toBe("PasswordIncorrect")
    // Activation, envelope, two items added; two item streams of one save each.
    expect(result.done).toEqual({ resetAt: "2026-12-01T01:00:00.000Z", erased: { events: 6, streams: 3 } })
    expect(result.told.map((m) => [m.subject, m.to.length])).toEqual([
      ["【Portcullis】保管庫がリセットされました", 3],
    ])
    expect(result.streams.vault.map((e) => [e.type, e.erased])).toEqual([
      ["VaultActivated", true],
      ["VaultKeyWrapped", true],
      ["VaultItemAdded", true],
      ["VaultItemAdded", true],
      ["VaultReset", false],
    ])
    expect(result.streams.items.flat().every((e) => e.erased && e.data === null)).toBe(true)
    expect(result.listed).toBe("VaultNotActivated")
    expect(result.reused).toBe("VaultIdReused")
    expect(result.again.keyVersion).toBe(1)
    expect(result.emptyList.items).toEqual([])
    // The second reset erases the first one too, and the vault that followed it.
    expect(result.secondReset.erased).toEqual({ events: 3, streams: 1 })
    expect(result.afterSecond.map((e) => [e.type, e.erased])).toEqual([
      ["VaultActivated", true],
      ["VaultKeyWrapped", true],
      ["VaultItemAdded", true],
      ["VaultItemAdded", true],
      ["VaultReset", true],
      ["VaultActivated", true],
      ["VaultKeyWrapped", true],
      ["VaultReset", false],
    ])
    const { verify, replay, book } = await app().run(audit)
    expect(verify._tag).toBe("Intact")
    expect(replay.drift).toEqual([])
    expect(book.named).toEqual(book.erased)
  })

  it("asks for a fresh code from the app with 2FA on; wrong codes count and lock as at login", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, meta } = yield* app().filledVault(1)
        const { code } = yield* app().enableTwoFactor(accountId)
        yield* TestClock.adjust("1 minute")
        const reset = (given?: string) =>
          resetVaultByCustomer(accountId, product, { password, code: given, confirmation: "RESET" }, meta)
        const noCode = yield* tagOf(reset())
        const right = yield* code
        const wrong = right.replace(/^./, (digit) => String((Number(digit) + 1) % 10))
        const refusals: Array<unknown> = []
        for (let i = 0; i < 5; i++) refusals.push(yield* Effect.flip(reset(wrong)))
        const locked = yield* tagOf(reset(right))
        yield* TestClock.adjust("16 minutes")
        const done = yield* reset(yield* code)
        const replayed = yield* tagOf(reset(yield* code))
        return { noCode, refusals, locked, done, replayed }
      }),
    )
    expect(result.noCode).toBe("SecondFactorRequired")
    expect(result.refusals.map((r) => r as { _tag: string; attemptsLeft: number })).toEqual(
      [4, 3, 2, 1, 0].map((attemptsLeft) => expect.objectContaining({ _tag: "CodeRejected", attemptsLeft })),
    )
    expect(result.locked).toBe("ChallengeLocked")
    expect(result.done.resetAt).toBe(instantFromMillis(start + 77 * 60_000))
    // The code just used is spent: the same step again is refused, as at login.
    expect(result.replayed).toBe("CodeRejected")
  })

  it("resets by support with the operator and the reason on record, and repairs a sweep a crash cut short", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, items } = yield* app().filledVault(1)
        // The reset appended, the sweep never run: what a crash between the two leaves.
        const at = instantFromMillis(yield* TestClock.currentTimeMillis)
        yield* runVault(
          accountId,
          product,
          { _tag: "Reset", by: operator.actor, reason: "lost key", at },
          operator,
        )
        const interrupted = yield* streamsOf(accountId, vaultId, items)
        const erasuresBefore = (yield* app().allEvents).filter((e) => e.streamId === "$erasures").length
        const repaired = yield* resetVaultBySupport(accountId, product, { reason: "lost key" }, operator)
        const erasuresAfter = (yield* app().allEvents).filter((e) => e.streamId === "$erasures").length
        const swept = yield* streamsOf(accountId, vaultId, items)
        // Nothing left: finishing again writes no erasure record.
        const nothingLeft = yield* finishVaultErasure(accountId, product, operator)
        const erasuresAtEnd = (yield* app().allEvents).filter((e) => e.streamId === "$erasures").length
        return { interrupted, erasuresBefore, repaired, erasuresAfter, swept, nothingLeft, erasuresAtEnd }
      }),
    )
    expect(result.interrupted.vault.every((e) => !e.erased)).toBe(true)
    expect(result.repaired.erased).toEqual({ events: 6, streams: 3 })
    expect(result.erasuresAfter - result.erasuresBefore).toBe(3)
    const reset = result.swept.vault.at(-1)!
    expect(reset.type).toBe("VaultReset")
    expect(reset.metadata.actor).toEqual(operator.actor)
    expect(reset.data).toMatchObject({ by: operator.actor, reason: "lost key" })
    expect(result.swept.items.flat().every((e) => e.erased)).toBe(true)
    expect(result.nothingLeft).toEqual({ events: 0, streams: 0 })
    expect(result.erasuresAtEnd).toBe(result.erasuresAfter)
  })

  it("finishes a crashed reset's sweep before activating the next vault", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const { accountId, vaultId, meta, items } = yield* app().filledVault(1)
        // A deleted item's stream keeps its deletion until the reset: that goes too.
        yield* deleteVaultItem(accountId, product, proofOf("k1"), items[1]!, 1, meta)
        const at = instantFromMillis(yield* TestClock.currentTimeMillis)
        yield* runVault(accountId, product, { _tag: "Reset", by: meta.actor, at }, meta)
        yield* activateVault(
          accountId,
          product,
          { password, vaultId: nextId(), envelope: envelopeOf(2), keyProof: proofOf("k2"), device: laptop },
          meta,
        )
        return yield* streamsOf(accountId, vaultId, items)
      }),
    )
    expect(result.vault.map((e) => [e.type, e.erased])).toEqual([
      ["VaultActivated", true],
      ["VaultKeyWrapped", true],
      ["VaultItemAdded", true],
      ["VaultItemAdded", true],
      ["VaultItemRemoved", true],
      ["VaultReset", false],
      ["VaultActivated", false],
      ["VaultKeyWrapped", false],
    ])
    expect(result.items.map((stream) => stream.map((e) => [e.type, e.erased]))).toEqual([
      [["VaultItemSaved", true]],
      [
        ["VaultItemSaved", true],
        ["VaultItemDeleted", true],
      ],
    ])
  })
})
