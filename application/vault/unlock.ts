import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { currentEnvelope } from "../../domain/vault/vault.js"
import type { VaultDeviceName, VaultProduct } from "../../domain/vault/vault-events.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { now } from "../platform/now.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { checkPassword } from "../two-factor/re-authentication.js"
import { vaultNoticeMail } from "./vault-mail.js"
import { authorizedVault, runVault } from "./vault-streams.js"

export interface UnlockVaultInput {
  readonly password: string
  readonly keyProof: string
  readonly device: VaultDeviceName
}

/**
 * A device proves the client key (and the account password) and gets the envelope back. The first
 * unlock of a device is told to every address on the account, with the name the device gave.
 */
export const unlockVault = Effect.fn("Vault.unlock")(function* (
  accountId: string,
  product: VaultProduct,
  input: UnlockVaultInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.unlock")
  const facts = yield* accountFacts(accountId)
  yield* checkPassword(facts, input.password)
  const { digest, loaded } = yield* authorizedVault(accountId, product, input.keyProof)
  const at = yield* now
  const mail = yield* vaultNoticeMail(facts, "deviceUnlocked", at, input.device.name)
  const result = yield* runVault(
    accountId,
    product,
    { _tag: "Unlock", keyProofDigest: digest, device: input.device, at },
    metadata,
    {
      loaded,
      outbox: (events) => (events.some((e) => e._tag === "VaultUnlocked" && e.newDevice) ? [mail] : []),
    },
  )
  const vault = result.state._tag === "Active" ? result.state.vault : undefined
  const envelope = vault && currentEnvelope(vault)
  if (vault === undefined || envelope === undefined) {
    return yield* Effect.dieMessage("an unlocked vault has no current envelope")
  }
  return {
    vaultId: vault.vaultId,
    keyVersion: vault.key.version,
    dataKeyVersion: vault.dataKeyVersion,
    envelope: envelope.envelope,
    newDevice: result.events.some((e) => e._tag === "VaultUnlocked" && e.newDevice),
  }
})
