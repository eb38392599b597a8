import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"
import { Actor } from "../kernel/metadata.js"

// The server never holds a client key, a vault key or an item in clear: only what the client made
// of them (salts, wrapped keys, ciphertexts, all base64url) and keyed digests of the key's proof.
// The byte formats are in docs/vault.md; the edge checks their lengths, the domain their versions.

/**
 * The products with a vault of their own, one per account and product: ID Protection's, and the
 * Password Manager's, which after that product's end stays readable for the move (decision 51).
 */
export const VaultProduct = Schema.Literal("id-protection", "password-manager")
export type VaultProduct = typeof VaultProduct.Type

/** The vault key wrapped under the key derived from the client key, and what derived it. */
export const KeyEnvelope = Schema.Struct({
  salt: Schema.String,
  iv: Schema.String,
  wrappedVaultKey: Schema.String,
})
export type KeyEnvelope = typeof KeyEnvelope.Type

/** A device as the client names it: a random id it keeps, and a name the customer recognises. */
export const VaultDeviceName = Schema.Struct({
  deviceId: Schema.String,
  name: Schema.String,
})
export type VaultDeviceName = typeof VaultDeviceName.Type

// == the vault stream, `vault-<accountId>-<product>`

/**
 * A vault came to be, with key version 1 and data key version 1, opened on its first device. The
 * proof digest stays after a rotation (it is the retired one then), so this event is never erased
 * but by a reset.
 */
export const VaultActivated = Schema.TaggedStruct("VaultActivated", {
  vaultId: Schema.String,
  product: VaultProduct,
  keyProofDigest: Schema.String,
  device: VaultDeviceName,
  at: Instant,
})

/** The envelope of one key version: erased from the log once that key is retired. */
export const VaultKeyWrapped = Schema.TaggedStruct("VaultKeyWrapped", {
  keyVersion: Schema.Int,
  dataKeyVersion: Schema.Int,
  envelope: KeyEnvelope,
  at: Instant,
})

/** A device proved the client key and got the envelope back. */
export const VaultUnlocked = Schema.TaggedStruct("VaultUnlocked", {
  ...VaultDeviceName.fields,
  keyVersion: Schema.Int,
  /** The first unlock of this device in this vault: the customer is told of it. */
  newDevice: Schema.Boolean,
  at: Instant,
})

/** An item joined the vault; its contents live in its own stream. */
export const VaultItemAdded = Schema.TaggedStruct("VaultItemAdded", {
  itemId: Schema.String,
  at: Instant,
})

export const VaultItemRemoved = Schema.TaggedStruct("VaultItemRemoved", {
  itemId: Schema.String,
  at: Instant,
})

/**
 * A new client key replaced the old one. The old proof's digest is kept, so a device still holding
 * the old key is told the key changed instead of being told it is wrong.
 */
export const VaultKeyRotated = Schema.TaggedStruct("VaultKeyRotated", {
  fromKeyVersion: Schema.Int,
  toKeyVersion: Schema.Int,
  /** The data key version from now on: one more than before when the items were re-encrypted. */
  dataKeyVersion: Schema.Int,
  reencrypted: Schema.Boolean,
  keyProofDigest: Schema.String,
  retiredProofDigest: Schema.String,
  /** The device that rotated: it holds the new key. */
  deviceId: Schema.String,
  at: Instant,
})

/**
 * The customer took the vault's export bundle (its envelope and every item's ciphertext): who and
 * when is what an audit asks after a leak. The bundle itself is never in the log.
 */
export const VaultExported = Schema.TaggedStruct("VaultExported", {
  itemCount: Schema.Int,
  keyVersion: Schema.Int,
  at: Instant,
})

/** One item an import added: its id here, and the keyed digest of the item it came from. */
export const VaultImportedItem = Schema.Struct({
  itemId: Schema.String,
  sourceRef: Schema.String,
})

/**
 * Items of another product's vault were copied in (the Password Manager's into ID Protection's),
 * each new one added by a `VaultItemAdded` just before. The client decrypted and re-encrypted
 * them, so the server learns only how many: `alreadyThere` were imported before (by their
 * `sourceRef`), `skippedCount` the client could not move (kinds this vault cannot hold).
 */
export const VaultImported = Schema.TaggedStruct("VaultImported", {
  importId: Schema.String,
  fromProduct: VaultProduct,
  items: Schema.Array(VaultImportedItem),
  alreadyThere: Schema.Int,
  skippedCount: Schema.Int,
  at: Instant,
})

/**
 * The vault and everything in it is gone (the customer's own reset, or support's for a lost key):
 * every earlier event of the stream and every event of the named item streams are erased after it.
 */
export const VaultReset = Schema.TaggedStruct("VaultReset", {
  vaultId: Schema.String,
  product: VaultProduct,
  /** The item streams to erase, named here because the events that named them are erased. */
  itemIds: Schema.Array(Schema.String),
  by: Actor,
  reason: Schema.optionalWith(Schema.String, { exact: true }),
  at: Instant,
})

export type VaultEvent =
  | typeof VaultActivated.Type
  | typeof VaultKeyWrapped.Type
  | typeof VaultUnlocked.Type
  | typeof VaultItemAdded.Type
  | typeof VaultItemRemoved.Type
  | typeof VaultKeyRotated.Type
  | typeof VaultExported.Type
  | typeof VaultImported.Type
  | typeof VaultReset.Type

// == an item's stream, `vault-item-<accountId>.<vaultId>.<itemId>`: its version is the stream's

/** The item's ciphertext at `version`, encrypted under the vault key of `dataKeyVersion`. */
export const VaultItemSaved = Schema.TaggedStruct("VaultItemSaved", {
  version: Schema.Int,
  dataKeyVersion: Schema.Int,
  iv: Schema.String,
  ciphertext: Schema.String,
  at: Instant,
})

/** The item is gone for good: its saves are erased, and its id is never used again. */
export const VaultItemDeleted = Schema.TaggedStruct("VaultItemDeleted", {
  version: Schema.Int,
  at: Instant,
})

export type VaultItemEvent = typeof VaultItemSaved.Type | typeof VaultItemDeleted.Type
