import { Effect, Either } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import {
  authorizeAccess,
  type VaultCommand,
  type VaultState,
  vault,
  vaultItemStreamId,
  vaultStreamId,
} from "../../domain/vault/vault.js"
import type { VaultEvent, VaultProduct } from "../../domain/vault/vault-events.js"
import { vaultItem } from "../../domain/vault/vault-item.js"
import { passwordCheckBackoff, passwordCheckKey } from "../accounts/password-recheck.js"
import { type Loaded, loadAggregate, runCommand } from "../event-log/command-runner.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { Throttle } from "../platform/throttle.js"

/** The purpose the key proof is digested under: the server keeps only this digest (docs/vault.md). */
export const vaultKeyProofPurpose = "vault-key-proof"

/** The keyed digest of a key proof, which the deciders compare; the proof itself is never kept. */
export const keyProofDigest = (keyProof: string) =>
  Effect.flatMap(KeyedDigest, (digest) => digest.digest(vaultKeyProofPurpose, keyProof))

export const loadVault = (accountId: string, product: VaultProduct) =>
  loadAggregate(vault, vaultStreamId(accountId, product))

export const loadVaultItem = (accountId: string, vaultId: string, itemId: string) =>
  loadAggregate(vaultItem, vaultItemStreamId(accountId, vaultId, itemId))

/** Decides a command on the vault stream (first on `loaded`, if the caller has just read it). */
export const runVault = (
  accountId: string,
  product: VaultProduct,
  command: VaultCommand,
  metadata: EventMetadata,
  options: {
    readonly outbox?: (events: ReadonlyArray<VaultEvent>, state: VaultState) => ReadonlyArray<OutboxMessage>
    readonly loaded?: Loaded<VaultState>
  } = {},
) =>
  runCommand(vault, vaultStreamId(accountId, product), command, {
    metadata,
    ...(options.loaded === undefined ? {} : { loaded: options.loaded }),
    ...(options.outbox === undefined ? {} : { outbox: options.outbox }),
  })

/**
 * A wrong key proof counts on the account's password-check counter (`recheckPassword`'s): a stolen
 * session guesses the key no faster than the password. A retired key's proof is a device behind,
 * not a guess, and is not counted.
 */
export const countWrongProof = <E extends { readonly _tag: string }>(accountId: string, error: E) =>
  error._tag === "VaultKeyIncorrect"
    ? Effect.zipRight(
        Effect.flatMap(Throttle, (throttle) =>
          throttle.reserve(passwordCheckKey(accountId), passwordCheckBackoff),
        ),
        Effect.fail(error),
      )
    : Effect.fail(error)

/**
 * The key check of a read or write: the vault as the proof opens it, with the digest the commands
 * carry and the load they decide on. A wrong proof is counted (`countWrongProof`).
 */
export const authorizedVault = (accountId: string, product: VaultProduct, keyProof: string) =>
  Effect.gen(function* () {
    const digest = yield* keyProofDigest(keyProof)
    const loaded = yield* loadVault(accountId, product)
    const access = authorizeAccess(loaded.state, digest)
    if (Either.isLeft(access)) return yield* countWrongProof(accountId, access.left)
    return { vault: access.right, digest, loaded }
  })
