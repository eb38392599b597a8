import { Schema } from "effect"
import { Id, Instant } from "../shell/wire.js"

// The vault's request and response bodies. The client library's `wire.ts` is what customer apps
// compile against; `vault-wire-equality.ts` makes the compiler hold these Schemas equal to it.

/** Unpadded base64url of `bytes` bytes: the length says whether the bytes are whole. */
const base64Url = (bytes: number, what: string) => {
  const length = Math.ceil((bytes * 4) / 3)
  return Schema.String.pipe(
    Schema.pattern(new RegExp(`^[A-Za-z0-9_-]{${length}}$`), {
      message: () => `must be ${bytes} bytes in unpadded base64url (${length} characters)`,
    }),
  ).annotations({ description: `${what}: ${bytes} bytes, unpadded base64url` })
}

const Uuid = Schema.UUID.annotations({ description: "A UUID the client made" })

export const VaultProduct = Schema.Literal("id-protection", "password-manager").annotations({
  description:
    "The product whose vault this is: ID Protection, or the Password Manager (read-only after its end)",
})

export const KeyProof = base64Url(
  32,
  "Proves the client key without showing it (HKDF of the key and the salt)",
)

export const VaultEnvelope = Schema.Struct({
  salt: base64Url(32, "The salt the wrapping key and the key proof are derived with"),
  iv: base64Url(12, "The AES-GCM nonce of the wrapped key"),
  wrappedVaultKey: base64Url(48, "The vault key, AES-256-GCM under the wrapping key, with its tag"),
}).annotations({
  identifier: "VaultEnvelope",
  description: "The vault key wrapped under a key derived from the client key; opaque to the server",
})

export const VaultDeviceInput = Schema.Struct({
  id: Schema.String.pipe(
    Schema.pattern(/^[A-Za-z0-9_-]{8,64}$/, { message: () => "must be 8 to 64 letters, digits, - or _" }),
  ).annotations({ description: "The device's own id, kept on the device (a UUID does)" }),
  name: Schema.Trim.pipe(
    Schema.minLength(1, { message: () => "must not be empty" }),
    Schema.maxLength(64, { message: () => "must be at most 64 characters" }),
  ).annotations({ description: "Shown in the device list and the new-device e-mail" }),
}).annotations({ identifier: "VaultDeviceInput" })

const Version = Schema.Int.pipe(Schema.positive())
const BaseVersion = Schema.Int.pipe(Schema.nonNegative()).annotations({
  description: "The version the change was made on; 0 creates the item",
})
const Ciphertext = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{22,32768}$/, {
    message: () => "must be unpadded base64url, 22 to 32,768 characters",
  }),
).annotations({ description: "The item, AES-256-GCM under the vault key, with its tag; unpadded base64url" })
const ItemIv = base64Url(12, "The item's AES-GCM nonce, fresh for every save")

export const VaultDevice = Schema.Struct({
  deviceId: Id,
  name: Schema.String,
  keyVersion: Version,
  firstUnlockedAt: Instant,
  lastUnlockedAt: Instant,
}).annotations({ identifier: "VaultDevice" })

export const VaultStatus = Schema.Struct({
  product: VaultProduct,
  state: Schema.Literal("not-activated", "active", "reset"),
  vaultId: Schema.optionalWith(Id, { exact: true }),
  keyVersion: Schema.optionalWith(Version, { exact: true }),
  dataKeyVersion: Schema.optionalWith(Version, { exact: true }),
  salt: Schema.optionalWith(
    Schema.String.annotations({
      description: "The current envelope's salt: a device derives its key proof with it",
    }),
    { exact: true },
  ),
  activatedAt: Schema.optionalWith(Instant, { exact: true }),
  keyRotatedAt: Schema.optionalWith(Instant, { exact: true }),
  resetAt: Schema.optionalWith(Instant, { exact: true }),
  itemCount: Schema.Int.pipe(Schema.nonNegative()),
  devices: Schema.Array(VaultDevice),
  lastActivityAt: Schema.optionalWith(Instant, { exact: true }),
}).annotations({ identifier: "VaultStatus" })

export const ActivateVaultRequest = Schema.Struct({
  password: Schema.String,
  vaultId: Uuid,
  envelope: VaultEnvelope,
  keyProof: KeyProof,
  device: VaultDeviceInput,
})

export const ActivateVaultResponse = Schema.Struct({
  vaultId: Id,
  keyVersion: Version,
  dataKeyVersion: Version,
  activatedAt: Instant,
}).annotations({ identifier: "VaultActivated" })

export const UnlockVaultRequest = Schema.Struct({
  password: Schema.String,
  keyProof: KeyProof,
  device: VaultDeviceInput,
})

export const UnlockVaultResponse = Schema.Struct({
  vaultId: Id,
  keyVersion: Version,
  dataKeyVersion: Version,
  envelope: VaultEnvelope,
  newDevice: Schema.Boolean.annotations({ description: "This device unlocked the vault for the first time" }),
}).annotations({ identifier: "VaultUnlocked" })

export const VaultItemRecord = Schema.Struct({
  itemId: Id,
  version: Version,
  dataKeyVersion: Version,
  iv: Schema.String,
  ciphertext: Schema.String,
  updatedAt: Instant,
}).annotations({ identifier: "VaultItem" })

/** The whole vault for offline decryption with the client key (docs/vault.md "Export"). */
export const VaultExportBundle = Schema.Struct({
  format: Schema.Literal("portcullis.vault-export"),
  formatVersion: Schema.Literal(1),
  product: VaultProduct,
  vaultId: Id,
  keyVersion: Version,
  dataKeyVersion: Version,
  envelope: VaultEnvelope,
  exportedAt: Instant,
  items: Schema.Array(VaultItemRecord),
}).annotations({
  identifier: "VaultExportBundle",
  description: "Ciphertexts and the wrapped vault key: only the client key opens it",
})

export const VaultItemPage = Schema.Struct({
  items: Schema.Array(VaultItemRecord),
  next: Schema.optionalWith(
    Schema.String.annotations({ description: "Send as `after` for the next page; absent on the last" }),
    { exact: true },
  ),
}).annotations({ identifier: "VaultItemPage" })

export const SaveVaultItemRequest = Schema.Struct({
  baseVersion: BaseVersion,
  dataKeyVersion: Version,
  iv: ItemIv,
  ciphertext: Ciphertext,
})

export const SaveVaultItemResponse = Schema.Struct({
  itemId: Id,
  version: Version,
  updatedAt: Instant,
}).annotations({ identifier: "VaultItemSaved" })

export const ReencryptedVaultItem = Schema.Struct({
  itemId: Uuid,
  baseVersion: Version,
  iv: ItemIv,
  ciphertext: Ciphertext,
})

export const RotateVaultKeyRequest = Schema.Struct({
  password: Schema.String,
  fromKeyVersion: Version,
  envelope: VaultEnvelope,
  keyProof: KeyProof.annotations({ description: "The new key's proof (the header carries the old one's)" }),
  reencrypt: Schema.optionalWith(
    Schema.Struct({
      dataKeyVersion: Version,
      items: Schema.Array(ReencryptedVaultItem),
    }).annotations({ description: "Every live item under a new vault key (the data key version + 1)" }),
    { exact: true },
  ),
})

export const RotateVaultKeyResponse = Schema.Struct({
  keyVersion: Version,
  dataKeyVersion: Version,
  rotatedAt: Instant,
}).annotations({ identifier: "VaultKeyRotated" })

export const ResetVaultRequest = Schema.Struct({
  password: Schema.String,
  code: Schema.optionalWith(
    Schema.String.annotations({ description: "A code from the authenticator app; needed when 2FA is on" }),
    { exact: true },
  ),
  confirmation: Schema.String.annotations({
    description:
      "`RESET`, typed to confirm that all vault data is deleted (else 422 `vault-reset-not-confirmed`)",
  }),
})

export const ResetVaultResponse = Schema.Struct({
  state: Schema.Literal("reset"),
  resetAt: Instant,
}).annotations({ identifier: "VaultReset" })

/** Items in one import: as many as a vault holds. */
export const importItemLimit = 10_000

export const ImportedVaultItem = Schema.Struct({
  sourceItemId: Uuid.annotations({ description: "The item's id in the vault it is copied from" }),
  itemId: Uuid.annotations({ description: "The new item's id in this vault, a UUID the client made" }),
  iv: ItemIv,
  ciphertext: Ciphertext.annotations({
    description: "The item re-encrypted under this vault's key, saved as version 1 (its associated data)",
  }),
})

export const VaultImportRequest = Schema.Struct({
  importId: Uuid.annotations({ description: "The client's id for this import: sent again, the same import" }),
  fromProduct: VaultProduct.annotations({ description: "The product whose vault the items were read from" }),
  dataKeyVersion: Version,
  items: Schema.Array(ImportedVaultItem).pipe(
    Schema.maxItems(importItemLimit, { message: () => `must be at most ${importItemLimit} items` }),
  ),
  notMoved: Schema.Int.pipe(Schema.nonNegative()).annotations({
    description:
      "How many items the client could not move (kinds this vault cannot hold); counted, never sent",
  }),
})

export const VaultImportResponse = Schema.Struct({
  importId: Id,
  imported: Schema.Int.pipe(Schema.nonNegative()).annotations({
    description: "Items this import added (the same when it is sent again)",
  }),
  alreadyThere: Schema.Int.pipe(Schema.nonNegative()).annotations({
    description: "Items whose source an earlier import already brought: not added twice",
  }),
  notMoved: Schema.Int.pipe(Schema.nonNegative()),
}).annotations({ identifier: "VaultImported" })
