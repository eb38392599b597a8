import { Either, HashSet } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { isAfter } from "../kernel/instant.js"
import { sameDigest } from "../two-factor/same-digest.js"
import {
  type VaultAccessError,
  VaultAlreadyActivated,
  VaultDataKeyStale,
  type VaultError,
  VaultFull,
  VaultIdReused,
  VaultKeyIncorrect,
  VaultKeyNotNew,
  VaultKeyStale,
  VaultNotActivated,
  VaultReencryptionIncomplete,
} from "./vault-errors.js"
import {
  VaultActivated,
  type VaultEvent,
  VaultExported,
  VaultImported,
  VaultItemAdded,
  VaultItemRemoved,
  VaultKeyRotated,
  VaultKeyWrapped,
  VaultReset,
  VaultUnlocked,
} from "./vault-events.js"
import { evolveVault } from "./vault-evolve.js"
import { decideImport } from "./vault-import.js"
import {
  type ActiveVault,
  type Reencryption,
  type VaultCommand,
  type VaultState,
  vaultRules,
} from "./vault-state.js"

// The vault aggregate: one stream per account and product, `vault-<accountId>-<product>`. It holds
// the vault's life, its keys, its devices and the ids of its items; each item's contents and
// version live in the item's own stream (`vault-item.ts`, decision 40).
export * from "./vault-errors.js"
export { importOutcome } from "./vault-import.js"
export * from "./vault-state.js"

type Decision = Either.Either<ReadonlyArray<VaultEvent>, VaultError>

const ok = (events: ReadonlyArray<VaultEvent>): Decision => Either.right(events)

/** Only reached if a case is missing: the compiler names the one left out. */
const unreachable = (value: never): never => {
  throw new Error(`unhandled vault case ${JSON.stringify(value)}`)
}

/**
 * The key check of every command and read that needs the client key: the current key's proof
 * opens the vault, a retired key's is told the key changed, anything else is wrong.
 */
export const authorizeAccess = (
  state: VaultState,
  keyProofDigest: string,
): Either.Either<ActiveVault, VaultAccessError> => {
  if (state._tag !== "Active") return Either.left(new VaultNotActivated())
  const { vault } = state
  if (sameDigest(keyProofDigest, vault.key.proofDigest)) return Either.right(vault)
  if (vault.retiredKeys.some((key) => sameDigest(keyProofDigest, key.proofDigest))) {
    return Either.left(new VaultKeyStale({ keyVersion: vault.key.version, rotatedAt: vault.key.since }))
  }
  return Either.left(new VaultKeyIncorrect({ keyVersion: vault.key.version, keySince: vault.key.since }))
}

/** Every item of the vault, and only those, each once. */
const reencryptionGaps = (vault: ActiveVault, reencrypt: Reencryption) => {
  const seen = new Set<string>()
  const unexpected = reencrypt.itemIds.filter((id) => {
    const stray = !HashSet.has(vault.itemIds, id) || seen.has(id)
    seen.add(id)
    return stray
  })
  const missing = [...vault.itemIds].filter((id) => !seen.has(id))
  return { missing, unexpected }
}

const decide = (command: VaultCommand, state: VaultState): Decision => {
  switch (command._tag) {
    case "Activate": {
      if (state._tag === "Active") {
        const again =
          state.vault.vaultId === command.vaultId &&
          sameDigest(command.keyProofDigest, state.vault.key.proofDigest)
        return again ? ok([]) : Either.left(new VaultAlreadyActivated())
      }
      if (state._tag === "Reset" && state.vaultId === command.vaultId) return Either.left(new VaultIdReused())
      const { vaultId, product, keyProofDigest, device, envelope, at } = command
      return ok([
        VaultActivated.make({ vaultId, product, keyProofDigest, device, at }),
        VaultKeyWrapped.make({ keyVersion: 1, dataKeyVersion: 1, envelope, at }),
      ])
    }
    case "Unlock":
      return Either.flatMap(authorizeAccess(state, command.keyProofDigest), (vault): Decision => {
        const { device, at } = command
        const known = vault.devices.get(device.deviceId)
        // The same device, key and name at no later time: a request sent again.
        if (
          known !== undefined &&
          known.name === device.name &&
          known.keyVersion === vault.key.version &&
          !isAfter(at, known.lastUnlockedAt)
        ) {
          return ok([])
        }
        return ok([
          VaultUnlocked.make({
            ...device,
            keyVersion: vault.key.version,
            newDevice: known === undefined,
            at,
          }),
        ])
      })
    case "AuthorizeItemWrite":
      return Either.flatMap(authorizeAccess(state, command.keyProofDigest), (vault): Decision => {
        if (command.dataKeyVersion !== vault.dataKeyVersion) {
          return Either.left(new VaultDataKeyStale({ dataKeyVersion: vault.dataKeyVersion }))
        }
        if (HashSet.has(vault.itemIds, command.itemId)) return ok([])
        if (HashSet.size(vault.itemIds) >= vaultRules.itemLimit) {
          return Either.left(new VaultFull({ limit: vaultRules.itemLimit }))
        }
        return ok([VaultItemAdded.make({ itemId: command.itemId, at: command.at })])
      })
    case "RemoveItem":
      return Either.flatMap(
        authorizeAccess(state, command.keyProofDigest),
        (vault): Decision =>
          HashSet.has(vault.itemIds, command.itemId)
            ? ok([VaultItemRemoved.make({ itemId: command.itemId, at: command.at })])
            : ok([]),
      )
    case "RotateKey":
      return decideRotation(command, state)
    case "RecordExport":
      return Either.map(authorizeAccess(state, command.keyProofDigest), (vault) =>
        vault.lastExportedAt === command.at
          ? []
          : [
              VaultExported.make({
                itemCount: command.itemCount,
                keyVersion: vault.key.version,
                at: command.at,
              }),
            ],
      )
    case "RecordImport":
      return Either.flatMap(authorizeAccess(state, command.keyProofDigest), (vault) =>
        decideImport(command, vault),
      )
    case "Reset":
      switch (state._tag) {
        case "Unactivated":
          return Either.left(new VaultNotActivated())
        case "Reset":
          return ok([])
        case "Active": {
          const { vaultId, product, itemIds } = state.vault
          const { by, reason, at } = command
          return ok([
            VaultReset.make({
              vaultId,
              product,
              itemIds: [...itemIds],
              by,
              ...(reason === undefined ? {} : { reason }),
              at,
            }),
          ])
        }
      }
      return unreachable(state)
  }
  return unreachable(command)
}

const decideRotation = (
  command: Extract<VaultCommand, { readonly _tag: "RotateKey" }>,
  state: VaultState,
): Decision => {
  if (state._tag === "Active") {
    // The rotation already made, sent again: the old key is the last retired, the new one current.
    const { key, retiredKeys } = state.vault
    const last = retiredKeys[retiredKeys.length - 1]
    if (
      last !== undefined &&
      last.version === command.fromKeyVersion &&
      sameDigest(command.keyProofDigest, last.proofDigest) &&
      sameDigest(command.newKeyProofDigest, key.proofDigest)
    ) {
      return ok([])
    }
  }
  return Either.flatMap(authorizeAccess(state, command.keyProofDigest), (vault): Decision => {
    const { key } = vault
    if (command.fromKeyVersion !== key.version) {
      return Either.left(new VaultKeyStale({ keyVersion: key.version, rotatedAt: key.since }))
    }
    const known = [key.proofDigest, ...vault.retiredKeys.map((retired) => retired.proofDigest)]
    if (known.some((digest) => sameDigest(command.newKeyProofDigest, digest))) {
      return Either.left(new VaultKeyNotNew())
    }
    const { reencrypt, at } = command
    if (reencrypt !== undefined) {
      if (reencrypt.dataKeyVersion !== vault.dataKeyVersion + 1) {
        return Either.left(new VaultDataKeyStale({ dataKeyVersion: vault.dataKeyVersion }))
      }
      const gaps = reencryptionGaps(vault, reencrypt)
      if (gaps.missing.length > 0 || gaps.unexpected.length > 0) {
        return Either.left(new VaultReencryptionIncomplete(gaps))
      }
    }
    const toKeyVersion = key.version + 1
    const dataKeyVersion = reencrypt?.dataKeyVersion ?? vault.dataKeyVersion
    return ok([
      VaultKeyRotated.make({
        fromKeyVersion: key.version,
        toKeyVersion,
        dataKeyVersion,
        reencrypted: reencrypt !== undefined,
        keyProofDigest: command.newKeyProofDigest,
        retiredProofDigest: key.proofDigest,
        deviceId: command.deviceId,
        at,
      }),
      VaultKeyWrapped.make({ keyVersion: toKeyVersion, dataKeyVersion, envelope: command.envelope, at }),
    ])
  })
}

export const vaultDecider: Decider<VaultCommand, VaultState, VaultEvent, VaultError> = {
  initialState: { _tag: "Unactivated" },
  decide,
  evolve: evolveVault,
}

export const vaultCodec = makeEventCodec({
  VaultActivated: { schema: VaultActivated },
  VaultKeyWrapped: { schema: VaultKeyWrapped },
  VaultUnlocked: { schema: VaultUnlocked },
  VaultItemAdded: { schema: VaultItemAdded },
  VaultItemRemoved: { schema: VaultItemRemoved },
  VaultKeyRotated: { schema: VaultKeyRotated },
  VaultExported: { schema: VaultExported },
  VaultImported: { schema: VaultImported },
  VaultReset: { schema: VaultReset },
})

export const vault = { decider: vaultDecider, codec: vaultCodec }
