import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import type { KeyEnvelope, VaultDeviceName, VaultProduct } from "../../domain/vault/vault-events.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { now } from "../platform/now.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { checkPassword } from "../two-factor/re-authentication.js"
import { finishVaultErasure } from "./reset.js"
import { vaultNoticeMail } from "./vault-mail.js"
import { keyProofDigest, runVault } from "./vault-streams.js"

export interface ActivateVaultInput {
  readonly password: string
  /** A UUID the client made. */
  readonly vaultId: string
  readonly envelope: KeyEnvelope
  readonly keyProof: string
  readonly device: VaultDeviceName
}

/**
 * Turns the vault on with the client's first key (docs/vault.md "Use cases"): the account password
 * again, then whatever erasure a crashed reset left is finished, so a new vault never starts beside
 * the readable remains of the old one. Every address on the account is told.
 */
export const activateVault = Effect.fn("Vault.activate")(function* (
  accountId: string,
  product: VaultProduct,
  input: ActivateVaultInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.activate")
  const facts = yield* accountFacts(accountId)
  yield* checkPassword(facts, input.password)
  yield* finishVaultErasure(accountId, product, metadata)
  const at = yield* now
  const mail = yield* vaultNoticeMail(facts, "activated", at)
  const result = yield* runVault(
    accountId,
    product,
    {
      _tag: "Activate",
      vaultId: input.vaultId,
      product,
      keyProofDigest: yield* keyProofDigest(input.keyProof),
      envelope: input.envelope,
      device: input.device,
      at,
    },
    metadata,
    { outbox: (events) => (events.length > 0 ? [mail] : []) },
  )
  if (result.state._tag !== "Active") return yield* Effect.dieMessage("Activate was decided without a vault")
  const { vault } = result.state
  return {
    vaultId: vault.vaultId,
    keyVersion: vault.key.version,
    dataKeyVersion: vault.dataKeyVersion,
    activatedAt: vault.activatedAt,
  }
})
