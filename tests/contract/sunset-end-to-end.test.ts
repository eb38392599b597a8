// Issue 13's sunset end to end with the use cases on the real app layer, SQLite and PostgreSQL, on
// the TestClock: a Password Manager customer with a portal session, a device and a vault of two
// items; the sunset is scheduled, the clock passes its instant and the jobs run. Then the app is
// refused with the successor named, the vault reads but neither writes nor exports, ID Protection
// takes the items, and the portal session still authenticates.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { authenticate, openSession } from "../../application/accounts/sessions.js"
import { authenticateApp } from "../../application/apps/app-access.js"
import { AppSessionDirectory } from "../../application/apps/app-session-directory.js"
import { openAppSession, refreshAppSession } from "../../application/apps/app-sessions.js"
import { signInApp } from "../../application/apps/app-sign-in.js"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { loadAggregate } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import {
  activateVault,
  exportVault,
  listVaultItems,
  readVaultItem,
  saveVaultItem,
  unlockVault,
} from "../../application/vault/index.js"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { productStreamId } from "../../domain/catalog/product.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import {
  customerOf,
  operator,
  password,
  start,
  tagOf,
  useVaultApp,
  vaultTargets,
} from "../support/vault-app.js"
import { envelopeOf, laptop, nextId, phone, proofOf } from "../support/vault-inputs.js"

const pm = "password-manager"
const idp = "id-protection"

/** The refusal's tag and successor, or "ok". */
const refusalOf = <A, E extends { readonly _tag: string; readonly successor?: string | undefined }, R>(
  effect: Effect.Effect<A, E, R>,
) =>
  Effect.match(effect, {
    onFailure: (error) => ({ tag: error._tag, successor: error.successor }),
    onSuccess: () => ({ tag: "ok", successor: undefined }),
  })

describe.each(vaultTargets)("the Password Manager's sunset end to end on $name", (target) => {
  const app = useVaultApp(target)

  /** An active vault of `product` under `key`, opened on the laptop. */
  const vaultOf = (accountId: string, product: VaultProduct, key: string) =>
    activateVault(
      accountId,
      product,
      { password, vaultId: nextId(), envelope: envelopeOf(1), keyProof: proofOf(key), device: laptop },
      customerOf(accountId),
    )
  const save = (accountId: string, product: VaultProduct, key: string, itemId: string, ciphertext: string) =>
    saveVaultItem(
      accountId,
      product,
      proofOf(key),
      itemId,
      { baseVersion: 0, dataKeyVersion: 1, iv: "iv-1", ciphertext },
      customerOf(accountId),
    )

  it("ends the app with the successor named, keeps the vault readable for the move, and the portal on", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const accountId = yield* app().register
        const meta = customerOf(accountId)
        const { state } = yield* loadAggregate(account, accountStreamId(accountId))
        if (state._tag !== "Active") return yield* Effect.dieMessage("the account was just registered")
        const loginId = state.account.loginId
        const portal = yield* openSession(accountId, loginId, "password")
        const device = yield* openAppSession({ accountId, productId: pm, deviceName: "Phone" }, meta)
        yield* vaultOf(accountId, pm, "k1")
        const items = [nextId(), nextId()]
        for (const itemId of items) yield* save(accountId, pm, "k1", itemId, `pm-${itemId}`)

        // Ten minutes ahead: inside the portal session's idle time and the access token's life.
        const endsAt = instantFromMillis(start + 10 * 60_000)
        yield* scheduleSunset(pm, { endsAt, successor: idp, noticeLeadDays: 0 }, operator)
        yield* drainJobs()
        const accessBefore = yield* tagOf(authenticateApp(device.accessToken))
        yield* TestClock.setTime(Date.parse(endsAt) + 1000)
        // Past the instant, before the jobs: the phase gate alone refuses.
        const accessAtEnd = yield* refusalOf(authenticateApp(device.accessToken))
        yield* drainJobs()
        yield* drainJobs()

        const refresh = yield* refusalOf(refreshAppSession(device.refreshToken, meta))
        const signIn = yield* refusalOf(
          signInApp({
            loginId,
            password,
            productId: pm,
            deviceName: "Tablet",
            address: "192.0.2.1",
            metadataFor: customerOf,
          }),
        )
        const open = yield* refusalOf(
          openAppSession({ accountId, productId: pm, deviceName: "Tablet" }, meta),
        )
        // The sunset's last job ended the session: it is read before the gate is asked.
        const accessAfterJobs = yield* refusalOf(authenticateApp(device.accessToken))
        const devices = yield* (yield* AppSessionDirectory).ofAccount(accountId, { includeEnded: true })

        const listed = yield* listVaultItems(accountId, pm, proofOf("k1"), { limit: 50 })
        const read = yield* readVaultItem(accountId, pm, proofOf("k1"), items[0]!)
        const unlocked = yield* tagOf(
          unlockVault(accountId, pm, { password, keyProof: proofOf("k1"), device: phone }, meta),
        )
        const saveAfter = yield* refusalOf(save(accountId, pm, "k1", nextId(), "late"))
        const exported = yield* refusalOf(exportVault(accountId, pm, proofOf("k1"), meta))

        // The move: every item read here, saved into ID Protection's vault under its own key.
        yield* vaultOf(accountId, idp, "i1")
        for (const item of listed.items) yield* save(accountId, idp, "i1", nextId(), item.ciphertext)
        const moved = yield* listVaultItems(accountId, idp, proofOf("i1"), { limit: 50 })
        const stillThere = yield* listVaultItems(accountId, pm, proofOf("k1"), { limit: 50 })

        const signedIn = yield* authenticate(portal.token)
        const sunsets = (yield* (yield* EventStore).readStream(productStreamId(pm))).filter(
          (e) => e.type === "ServiceSunset",
        )
        return {
          accountId,
          items,
          accessBefore,
          accessAtEnd,
          refresh,
          signIn,
          open,
          accessAfterJobs,
          devices,
          listed,
          read,
          unlocked,
          saveAfter,
          exported,
          moved,
          stillThere,
          signedIn,
          sunsets,
        }
      }),
    )
    expect(result.accessBefore).toBe("ok")
    expect(result.accessAtEnd).toEqual({ tag: "ServiceEnded", successor: idp })
    for (const refused of [result.refresh, result.signIn, result.open]) {
      expect(refused).toEqual({ tag: "ServiceEnded", successor: idp })
    }
    // Once the last job ended the session, the token still says why: the product ended.
    expect(result.accessAfterJobs).toEqual({ tag: "ServiceEnded", successor: idp })
    expect(result.devices).toMatchObject([{ productId: pm, deviceName: "Phone", endReason: "service-ended" }])

    expect(result.listed.items.map((i) => i.itemId)).toEqual(result.items)
    expect(result.read).toMatchObject({ itemId: result.items[0], ciphertext: `pm-${result.items[0]}` })
    expect(result.unlocked).toBe("ok")
    expect(result.saveAfter).toEqual({ tag: "ProductReadOnly", successor: idp })
    expect(result.exported).toEqual({ tag: "ExportDisabled", successor: idp })
    expect(result.moved.items.map((i) => i.ciphertext).sort()).toEqual(result.items.map((id) => `pm-${id}`))
    expect(result.stillThere.items).toHaveLength(2)

    expect(result.signedIn.accountId).toBe(result.accountId)
    expect(result.sunsets).toHaveLength(1)
  })
})
