import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { type Erased, eraseResetVault, eraseRetiredEnvelopes } from "./vault-erasure.js"
import { loadVault } from "./vault-streams.js"

/**
 * Finishes the erasure a crash cut short between a change and its sweep: a reset vault's history,
 * or an active vault's retired envelopes. Run before an activation and by a repeated reset; does
 * nothing (and writes nothing) when nothing is left.
 */
export const finishVaultErasure = Effect.fn("Vault.finishErasure")(function* (
  accountId: string,
  product: VaultProduct,
  metadata: EventMetadata,
) {
  const { state } = yield* loadVault(accountId, product)
  switch (state._tag) {
    case "Reset":
      return yield* eraseResetVault(accountId, product, metadata)
    case "Active":
      return yield* eraseRetiredEnvelopes(accountId, product, state.vault, metadata)
    case "Unactivated":
      return { events: 0, streams: 0 } satisfies Erased
  }
})
