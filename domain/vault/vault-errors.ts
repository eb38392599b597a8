import { Data } from "effect"
import type { Instant } from "../kernel/instant.js"

export class VaultNotActivated extends Data.TaggedError("VaultNotActivated")<{}> {}
export class VaultAlreadyActivated extends Data.TaggedError("VaultAlreadyActivated")<{}> {}
/** A new vault must have an id of its own: the reset one's item streams still exist, erased. */
export class VaultIdReused extends Data.TaggedError("VaultIdReused")<{}> {}

/**
 * The proof matches no key this vault ever had. A key typed from an old kit lands here too (its
 * salt is erased, so its proof cannot be made): the fields say since when the current key is valid.
 */
export class VaultKeyIncorrect extends Data.TaggedError("VaultKeyIncorrect")<{
  readonly keyVersion: number
  readonly keySince: Instant
}> {}
/** The proof is of a key this vault retired: the device must be given the new key. */
export class VaultKeyStale extends Data.TaggedError("VaultKeyStale")<{
  readonly keyVersion: number
  readonly rotatedAt: Instant
}> {}
/** A rotation must bring a key the vault never had, or a retired proof would open it again. */
export class VaultKeyNotNew extends Data.TaggedError("VaultKeyNotNew")<{}> {}

/** The write was encrypted under another data key than the current one. */
export class VaultDataKeyStale extends Data.TaggedError("VaultDataKeyStale")<{
  readonly dataKeyVersion: number
}> {}
/** Another device wrote the item first: read it again, then save on top of `currentVersion`. */
export class VaultItemConflict extends Data.TaggedError("VaultItemConflict")<{
  readonly currentVersion: number
}> {}
export class VaultItemNotFound extends Data.TaggedError("VaultItemNotFound")<{}> {}
/** The item was deleted; its id is never written again. (`VaultItemDeleted` is the event's tag.) */
export class VaultItemGone extends Data.TaggedError("VaultItemGone")<{}> {}
/** A re-encrypting rotation must bring every item of the vault, and only those, each once. */
export class VaultReencryptionIncomplete extends Data.TaggedError("VaultReencryptionIncomplete")<{
  readonly missing: ReadonlyArray<string>
  readonly unexpected: ReadonlyArray<string>
}> {}
/**
 * An import that cannot be what it says: from the vault's own product, or naming an item id or a
 * source twice, or an item id the vault already has.
 */
export class VaultImportInvalid extends Data.TaggedError("VaultImportInvalid")<{
  readonly reason: "same-product" | "duplicate-item"
}> {}
export class VaultFull extends Data.TaggedError("VaultFull")<{ readonly limit: number }> {}

/** A refusal to a device that wants in: no vault, or a key that does not open it. */
export type VaultAccessError = VaultNotActivated | VaultKeyIncorrect | VaultKeyStale

export type VaultError =
  | VaultAccessError
  | VaultAlreadyActivated
  | VaultIdReused
  | VaultKeyNotNew
  | VaultDataKeyStale
  | VaultReencryptionIncomplete
  | VaultImportInvalid
  | VaultFull

export type VaultItemError = VaultItemConflict | VaultItemNotFound | VaultItemGone | VaultDataKeyStale
