import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { type ActiveVault, vaultCodec, vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { vaultItemCodec } from "../../domain/vault/vault-item.js"
import { eraseEvents, type LiveEvent, readLiveEvents, settleErasures } from "../event-log/erase-events.js"

// Erasure runs after the append that made it due, in a transaction of its own (as 2FA's secrets
// are erased), so each sweep here is idempotent and any use case may run it again to finish one a
// crash cut short (`eraseEvents` erases only where a target is left).

/** How much a sweep erased: events, and the streams they were in. */
export interface Erased {
  readonly events: number
  readonly streams: number
}

const nothing: Erased = { events: 0, streams: 0 }
const plus = (a: Erased, b: Erased): Erased => ({
  events: a.events + b.events,
  streams: a.streams + b.streams,
})

/** A sweep, and then the store told to settle what it erased (decision 40). */
const settled = <E, R>(sweep: Effect.Effect<Erased, E, R>) =>
  Effect.tap(sweep, (erased) => settleErasures(erased.events))

/** Erases `targets` of a stream (all of it with `all`), if there are any, counting the stream. */
const eraseIn = (
  streamId: string,
  targets: ReadonlyArray<LiveEvent<unknown>>,
  reason: string,
  metadata: EventMetadata,
  all = false,
) =>
  Effect.map(
    eraseEvents(
      streamId,
      targets.map((t) => t.recorded),
      { reason, metadata, all },
    ),
    (events): Erased => (targets.length === 0 ? nothing : { events, streams: 1 }),
  )

/** After a rotation: every envelope but the current key's, which alone may still be handed out. */
export const eraseRetiredEnvelopes = (
  accountId: string,
  product: VaultProduct,
  vault: ActiveVault,
  metadata: EventMetadata,
) =>
  settled(
    Effect.gen(function* () {
      const streamId = vaultStreamId(accountId, product)
      const wrapped = (yield* readLiveEvents(vaultCodec, streamId)).filter(
        (e) => e.event._tag === "VaultKeyWrapped",
      )
      const current = wrapped.findLastIndex(
        ({ event }) => event._tag === "VaultKeyWrapped" && event.keyVersion === vault.key.version,
      )
      const retired = wrapped.filter((_, index) => index !== current)
      return yield* eraseIn(streamId, retired, "vault key rotated: retired wrapped key", metadata)
    }),
  )

/** After a re-encrypting rotation: every save of the vault's items under a retired data key. */
export const eraseSupersededSaves = (accountId: string, vault: ActiveVault, metadata: EventMetadata) =>
  settled(
    Effect.gen(function* () {
      let total = nothing
      for (const itemId of vault.itemIds) {
        const streamId = vaultItemStreamId(accountId, vault.vaultId, itemId)
        const superseded = (yield* readLiveEvents(vaultItemCodec, streamId)).filter(
          ({ event }) => event._tag === "VaultItemSaved" && event.dataKeyVersion < vault.dataKeyVersion,
        )
        total = plus(
          total,
          yield* eraseIn(streamId, superseded, "vault key rotated: re-encrypted item", metadata),
        )
      }
      return total
    }),
  )

/** After a delete: every save of the item; its deletion stays, so its id is never written again. */
export const eraseDeletedItem = (
  accountId: string,
  vaultId: string,
  itemId: string,
  metadata: EventMetadata,
) =>
  settled(
    Effect.gen(function* () {
      const streamId = vaultItemStreamId(accountId, vaultId, itemId)
      const saves = (yield* readLiveEvents(vaultItemCodec, streamId)).filter(
        ({ event }) => event._tag === "VaultItemSaved",
      )
      return yield* eraseIn(streamId, saves, "vault item deleted", metadata)
    }),
  )

/**
 * After a reset (crypto-shred): every event of the vault stream before the latest `VaultReset`, and
 * every event of every item stream the vault ever had. The item streams go first, found from the
 * vault events still readable, so a sweep cut short between the two is finished by the next.
 */
export const eraseResetVault = (accountId: string, product: VaultProduct, metadata: EventMetadata) =>
  settled(
    Effect.gen(function* () {
      const streamId = vaultStreamId(accountId, product)
      const recorded = yield* readLiveEvents(vaultCodec, streamId)
      const resetAt = recorded.findLastIndex(({ event }) => event._tag === "VaultReset")
      if (resetAt < 0) return nothing
      const items = new Set<string>()
      let vaultId = ""
      for (const { event } of recorded.slice(0, resetAt + 1)) {
        if (event._tag === "VaultActivated") vaultId = event.vaultId
        if (event._tag === "VaultItemAdded") items.add(vaultItemStreamId(accountId, vaultId, event.itemId))
        if (event._tag === "VaultReset") {
          for (const itemId of event.itemIds) items.add(vaultItemStreamId(accountId, event.vaultId, itemId))
        }
      }
      let total = nothing
      for (const itemStream of items) {
        const left = yield* readLiveEvents(vaultItemCodec, itemStream)
        total = plus(total, yield* eraseIn(itemStream, left, "vault reset", metadata, true))
      }
      return plus(total, yield* eraseIn(streamId, recorded.slice(0, resetAt), "vault reset", metadata))
    }),
  )
