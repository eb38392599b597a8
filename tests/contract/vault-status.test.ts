// The vault's status as HTTP and the CLI show it, on SQLite and PostgreSQL: what a device needs
// and the owner may see, never a wrapped key, a proof digest or a ciphertext.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { EventStore } from "../../application/event-log/event-store.js"
import {
  resetVaultBySupport,
  rotateVaultKey,
  saveVaultItem,
  unlockVault,
  vaultStatus,
} from "../../application/vault/index.js"
import { vaultStreamId } from "../../domain/vault/vault.js"
import { operator, password, useVaultApp, vaultTargets } from "../support/vault-app.js"
import { envelopeOf, laptop, phone, product, proofOf } from "../support/vault-inputs.js"

describe.each(vaultTargets)("vault status on $name", (target) => {
  const app = useVaultApp(target)

  it("follows the vault from not activated through rotation to reset", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const fresh = yield* vaultStatus(yield* app().register, product)
        const { accountId, vaultId, meta, items } = yield* app().filledVault(1)
        yield* unlockVault(accountId, product, { password, keyProof: proofOf("k1"), device: phone }, meta)
        yield* TestClock.adjust("1 hour")
        yield* rotateVaultKey(
          accountId,
          product,
          {
            password,
            keyProof: proofOf("k1"),
            fromKeyVersion: 1,
            envelope: envelopeOf(2),
            newKeyProof: proofOf("k2"),
            deviceId: laptop.deviceId,
          },
          meta,
        )
        yield* TestClock.adjust("1 hour")
        // A save of a known item writes only its own stream: the status still sees it.
        yield* saveVaultItem(
          accountId,
          product,
          proofOf("k2"),
          items[0]!,
          { baseVersion: 1, dataKeyVersion: 1, iv: "iv-later", ciphertext: "ct-later" },
          meta,
        )
        const active = yield* vaultStatus(accountId, product)
        const stream = yield* (yield* EventStore).readStream(vaultStreamId(accountId, product))
        yield* resetVaultBySupport(accountId, product, { reason: "lost key" }, operator)
        const reset = yield* vaultStatus(accountId, product)
        return { fresh, vaultId, active, stream, reset }
      }),
    )
    expect(result.fresh).toEqual({ product, state: "not-activated", itemCount: 0, devices: [] })
    expect(result.active).toEqual({
      product,
      state: "active",
      vaultId: result.vaultId,
      keyVersion: 2,
      dataKeyVersion: 1,
      salt: envelopeOf(2).salt,
      activatedAt: "2026-12-01T00:00:00.000Z",
      keyRotatedAt: "2026-12-01T02:00:00.000Z",
      itemCount: 2,
      devices: [
        {
          ...laptop,
          keyVersion: 2,
          firstUnlockedAt: "2026-12-01T00:00:00.000Z",
          lastUnlockedAt: "2026-12-01T00:00:00.000Z",
        },
        {
          ...phone,
          keyVersion: 1,
          firstUnlockedAt: "2026-12-01T01:00:00.000Z",
          lastUnlockedAt: "2026-12-01T01:00:00.000Z",
        },
      ],
      lastActivityAt: "2026-12-01T03:00:00.000Z",
    })
    const shown = JSON.stringify(result.active)
    const digests = result.stream.flatMap((e) => {
      const data = e.data as { keyProofDigest?: string; retiredProofDigest?: string } | null
      return [data?.keyProofDigest, data?.retiredProofDigest].filter((d) => d !== undefined)
    })
    expect(digests.length).toBeGreaterThan(0)
    for (const secret of [
      ...digests,
      envelopeOf(2).wrappedVaultKey,
      envelopeOf(2).iv,
      "ct-later",
      proofOf("k2"),
    ]) {
      expect(shown).not.toContain(secret)
    }
    expect(result.reset).toEqual({
      product,
      state: "reset",
      vaultId: result.vaultId,
      resetAt: "2026-12-01T03:00:00.000Z",
      itemCount: 0,
      devices: [],
    })
  })
})
