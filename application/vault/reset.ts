import { Data, Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { VaultNotActivated } from "../../domain/vault/vault.js"
import type { VaultProduct } from "../../domain/vault/vault-events.js"
import { requireCapability } from "../catalog/phase-gate.js"
import type { VaultNotice } from "../notifications/vault-emails.js"
import { now } from "../platform/now.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { checkPassword } from "../two-factor/re-authentication.js"
import { confirmSecondFactor } from "../two-factor/step-up.js"
import { type Erased, eraseResetVault, eraseRetiredEnvelopes } from "./vault-erasure.js"
import { vaultNoticeMail } from "./vault-mail.js"
import { loadVault, runVault } from "./vault-streams.js"

/** What the customer types to confirm a reset: the word itself, so it is never a slip of the hand. */
export const resetConfirmation = "RESET"

/** The confirmation typed was not `RESET`. */
export class VaultResetNotConfirmed extends Data.TaggedError("VaultResetNotConfirmed")<{}> {}

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

/**
 * Appends `VaultReset` with the mail to every address, then erases the whole vault history before
 * it (crypto-shred). A repeated reset appends nothing and finishes the erasure, so an operator who
 * saw a reset fail half way runs it again.
 */
const resetVault = (
  accountId: string,
  product: VaultProduct,
  reason: string | undefined,
  notice: VaultNotice,
  metadata: EventMetadata,
) =>
  Effect.gen(function* () {
    const facts = yield* accountFacts(accountId)
    const at = yield* now
    const mail = yield* vaultNoticeMail(facts, notice, at)
    const result = yield* runVault(
      accountId,
      product,
      { _tag: "Reset", by: metadata.actor, ...(reason === undefined ? {} : { reason }), at },
      metadata,
      { outbox: (events) => (events.length > 0 ? [mail] : []) },
    )
    if (result.state._tag !== "Reset") return yield* Effect.dieMessage("Reset was decided without a reset")
    const erased = yield* eraseResetVault(accountId, product, metadata)
    return { resetAt: result.state.resetAt, erased }
  })

export interface ResetVaultByCustomerInput {
  readonly password: string
  /** A code from the authenticator app; needed when 2FA is on. */
  readonly code?: string | undefined
  readonly confirmation: string
}

/**
 * The customer's own reset (decision 44): typed `RESET`, the password again, and with 2FA on a
 * fresh code from the app. No key is needed: this is the way out for a lost one.
 */
export const resetVaultByCustomer = Effect.fn("Vault.resetByCustomer")(function* (
  accountId: string,
  product: VaultProduct,
  input: ResetVaultByCustomerInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.reset-by-customer")
  if (input.confirmation.trim() !== resetConfirmation) return yield* new VaultResetNotConfirmed()
  // Before the password and the code: no vault to reset spends neither.
  if ((yield* loadVault(accountId, product)).state._tag === "Unactivated")
    return yield* new VaultNotActivated()
  const facts = yield* accountFacts(accountId)
  yield* checkPassword(facts, input.password)
  yield* confirmSecondFactor(facts, input.code, metadata)
  return yield* resetVault(accountId, product, undefined, "reset", metadata)
})

/**
 * Support's reset for a customer who lost the key (decision 44): the operator is the actor in the
 * metadata and on `VaultReset.by`, the reason is kept, and every address is told.
 */
export const resetVaultBySupport = Effect.fn("Vault.resetBySupport")(function* (
  accountId: string,
  product: VaultProduct,
  input: { readonly reason: string },
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.reset-by-support")
  return yield* resetVault(accountId, product, input.reason, "resetBySupport", metadata)
})
