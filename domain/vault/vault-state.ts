import type { HashSet } from "effect"
import type { Instant } from "../kernel/instant.js"
import type { Actor } from "../kernel/metadata.js"
import type { KeyEnvelope, VaultDeviceName, VaultProduct } from "./vault-events.js"

// Account ids, vault ids and item ids are UUIDs (the edge checks the client's), so neither `-` in
// the account id nor `.` between the parts can run two ids together.
export const vaultStreamId = (accountId: string, product: VaultProduct) => `vault-${accountId}-${product}`
export const vaultItemStreamId = (accountId: string, vaultId: string, itemId: string) =>
  `vault-item-${accountId}.${vaultId}.${itemId}`

/** The rules a command is decided by. */
export const vaultRules = {
  /** Items per vault: a re-encrypting rotation carries them all in one request (decision 40). */
  itemLimit: 10_000,
} as const

/** The client key in use: a device proves it by the key proof, whose keyed digest is kept. */
export interface CurrentKey {
  readonly version: number
  readonly proofDigest: string
  /** When it became the key: the activation, or the rotation that made it. */
  readonly since: Instant
}

/** A key replaced by a rotation: its proof is recognised, and refused as stale. */
export interface RetiredKey {
  readonly version: number
  readonly proofDigest: string
  readonly retiredAt: Instant
}

/**
 * The current key's envelope. A fold meets the key's event (activation, rotation) before its
 * envelope, and the retired envelopes are erased, so in between there is none: a complete fold
 * always ends with the current key's.
 */
export type StoredEnvelope =
  | { readonly _tag: "NoEnvelope" }
  | {
      readonly _tag: "Wrapped"
      readonly keyVersion: number
      readonly dataKeyVersion: number
      readonly envelope: KeyEnvelope
    }

export interface VaultDevice extends VaultDeviceName {
  /** The key version it last unlocked with, or rotated to. */
  readonly keyVersion: number
  readonly firstUnlockedAt: Instant
  readonly lastUnlockedAt: Instant
}

export interface ActiveVault {
  readonly vaultId: string
  readonly product: VaultProduct
  readonly activatedAt: Instant
  readonly key: CurrentKey
  readonly retiredKeys: ReadonlyArray<RetiredKey>
  /** The vault key's version: items are encrypted under it, and name it in their associated data. */
  readonly dataKeyVersion: number
  readonly envelope: StoredEnvelope
  readonly devices: ReadonlyMap<string, VaultDevice>
  /** Persistent, so each item added costs a step, not a copy of the whole set. */
  readonly itemIds: HashSet.HashSet<string>
  readonly lastActivityAt: Instant
  /** The last export's time: the same export asked again at that instant is one export. */
  readonly lastExportedAt?: Instant
  /**
   * Every item an import brought, by its source's keyed digest: a source imported once is never
   * imported again, even after its copy here was deleted (the customer deleted it on purpose).
   */
  readonly importedSources: ReadonlyMap<string, string>
  /** The imports recorded: one sent again is the same import. */
  readonly importIds: ReadonlySet<string>
}

/** One vault per account and product; a reset one can be activated again, as a new vault. */
export type VaultState =
  | { readonly _tag: "Unactivated" }
  | { readonly _tag: "Active"; readonly vault: ActiveVault }
  | {
      readonly _tag: "Reset"
      readonly vaultId: string
      readonly product: VaultProduct
      readonly resetAt: Instant
    }

/** A re-encrypting rotation: the new data key's version and every item it re-encrypted. */
export interface Reencryption {
  readonly dataKeyVersion: number
  readonly itemIds: ReadonlyArray<string>
}

/** An item of an import: its new id here, and the keyed digest of where it came from. */
export interface ImportedItem {
  readonly itemId: string
  readonly sourceRef: string
}

/**
 * What a device asks of the vault. Key proofs arrive as keyed digests (the application makes them),
 * and times as `at`: the decider needs neither a secret nor a clock.
 */
export type VaultCommand =
  | {
      readonly _tag: "Activate"
      readonly vaultId: string
      readonly product: VaultProduct
      readonly keyProofDigest: string
      readonly envelope: KeyEnvelope
      readonly device: VaultDeviceName
      readonly at: Instant
    }
  | {
      readonly _tag: "Unlock"
      readonly keyProofDigest: string
      readonly device: VaultDeviceName
      readonly at: Instant
    }
  | {
      /** Decided with every item save, in the same append: no events unless the item is new. */
      readonly _tag: "AuthorizeItemWrite"
      readonly keyProofDigest: string
      readonly itemId: string
      readonly dataKeyVersion: number
      readonly at: Instant
    }
  | {
      readonly _tag: "RemoveItem"
      readonly keyProofDigest: string
      readonly itemId: string
      readonly at: Instant
    }
  | {
      readonly _tag: "RotateKey"
      /** The proof of the key being replaced. */
      readonly keyProofDigest: string
      readonly fromKeyVersion: number
      readonly newKeyProofDigest: string
      readonly envelope: KeyEnvelope
      readonly reencrypt?: Reencryption
      readonly deviceId: string
      readonly at: Instant
    }
  | {
      /** The export bundle was read with the current key: `itemCount` items in it. */
      readonly _tag: "RecordExport"
      readonly keyProofDigest: string
      readonly itemCount: number
      readonly at: Instant
    }
  | {
      /**
       * Items another product's vault held, re-encrypted by the client under this vault's data
       * key: each new one is added, one whose source was imported before is left out.
       */
      readonly _tag: "RecordImport"
      readonly keyProofDigest: string
      readonly importId: string
      readonly fromProduct: VaultProduct
      readonly dataKeyVersion: number
      readonly items: ReadonlyArray<ImportedItem>
      /** The items the client could not move, counted, never named. */
      readonly skippedCount: number
      readonly at: Instant
    }
  | {
      /** Needs no key: it is the way out for a customer who lost it. */
      readonly _tag: "Reset"
      readonly by: Actor
      readonly reason?: string
      readonly at: Instant
    }

// == questions the application asks of the state

/** The envelope a device unwraps the vault key from, once the fold holds the current key's. */
export const currentEnvelope = (vault: ActiveVault) =>
  vault.envelope._tag === "Wrapped" && vault.envelope.keyVersion === vault.key.version
    ? vault.envelope
    : undefined
