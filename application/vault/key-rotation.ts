import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { vault, vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault.js"
import type { KeyEnvelope, VaultProduct } from "../../domain/vault/vault-events.js"
import { vaultItem } from "../../domain/vault/vault-item.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { now } from "../platform/now.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { checkPassword } from "../two-factor/re-authentication.js"
import { eraseRetiredEnvelopes, eraseSupersededSaves } from "./vault-erasure.js"
import { vaultNoticeMail } from "./vault-mail.js"
import { countWrongProof, keyProofDigest } from "./vault-streams.js"

/** An item re-encrypted under the new data key, saved on top of the version the device read. */
export interface ReencryptedItem {
  readonly itemId: string
  readonly baseVersion: number
  readonly iv: string
  readonly ciphertext: string
}

export interface RotateVaultKeyInput {
  readonly password: string
  /** The current key's proof. */
  readonly keyProof: string
  readonly fromKeyVersion: number
  /** The vault key wrapped under the new key. */
  readonly envelope: KeyEnvelope
  readonly newKeyProof: string
  readonly reencrypt?: { readonly dataKeyVersion: number; readonly items: ReadonlyArray<ReencryptedItem> }
  /** The device that rotated, when the client names it: it is marked as holding the new key. */
  readonly deviceId?: string
}

/**
 * A new client key (docs/vault.md "Rotation"): the vault stream and, with re-encryption, every
 * item's stream in one append, so the new data key never holds half the items. Then the retired
 * envelopes are erased, and with re-encryption every save under the retired data key.
 */
export const rotateVaultKey = Effect.fn("Vault.rotateKey")(function* (
  accountId: string,
  product: VaultProduct,
  input: RotateVaultKeyInput,
  metadata: EventMetadata,
) {
  yield* requireCapability(product, "vault.rotate-key")
  const facts = yield* accountFacts(accountId)
  yield* checkPassword(facts, input.password)
  const keyProof = yield* keyProofDigest(input.keyProof)
  const newKeyProof = yield* keyProofDigest(input.newKeyProof)
  const { reencrypt } = input
  const rotated = yield* commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const onVault = yield* decideOn(vault, vaultStreamId(accountId, product), {
        _tag: "RotateKey",
        keyProofDigest: keyProof,
        fromKeyVersion: input.fromKeyVersion,
        newKeyProofDigest: newKeyProof,
        envelope: input.envelope,
        ...(reencrypt === undefined
          ? {}
          : {
              reencrypt: {
                dataKeyVersion: reencrypt.dataKeyVersion,
                itemIds: reencrypt.items.map((item) => item.itemId),
              },
            }),
        deviceId: input.deviceId ?? "",
        at,
      })
      if (onVault.state._tag !== "Active")
        return yield* Effect.dieMessage("RotateKey was decided without a vault")
      const after = onVault.state.vault
      // A rotation sent again is already in the log, items and all: nothing more to write.
      const items =
        reencrypt === undefined || onVault.events.length === 0
          ? []
          : yield* Effect.forEach(reencrypt.items, (item) =>
              decideOn(vaultItem, vaultItemStreamId(accountId, after.vaultId, item.itemId), {
                _tag: "SaveItem",
                baseVersion: item.baseVersion,
                dataKeyVersion: reencrypt.dataKeyVersion,
                iv: item.iv,
                ciphertext: item.ciphertext,
                at,
              }),
            )
      const device = after.devices.get(input.deviceId ?? "")?.name
      const mail =
        onVault.events.length === 0 ? [] : [yield* vaultNoticeMail(facts, "keyRotated", at, device)]
      return {
        writes: [onVault.write, ...items.map((item) => item.write)],
        options: { metadata, outbox: mail },
        result: after,
      }
    }),
  ).pipe(
    Effect.catchIf(
      (error) => error._tag === "VaultKeyIncorrect",
      (error) => countWrongProof(accountId, error),
    ),
  )
  yield* eraseRetiredEnvelopes(accountId, product, rotated, metadata)
  if (reencrypt !== undefined) yield* eraseSupersededSaves(accountId, rotated, metadata)
  return {
    keyVersion: rotated.key.version,
    dataKeyVersion: rotated.dataKeyVersion,
    rotatedAt: rotated.key.since,
  }
})
