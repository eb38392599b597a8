// The JSON of `/v1/account/vault/:product…` as it crosses the wire (design §6). Plain interfaces, so
// customer apps need no runtime library; the server's Schemas are asserted equal to these, the
// server imports them and never the other way round. All bytes are base64url without padding.

export type VaultProduct = "id-protection" | "password-manager"

/** The vault key wrapped under the key derived from the client key and `salt` (32 bytes). */
export interface VaultEnvelope {
  readonly salt: string
  readonly iv: string
  readonly wrappedVaultKey: string
}

export interface VaultDeviceInput {
  readonly id: string
  /** At most 64 characters, shown in the device list and the "new device" e-mail. */
  readonly name: string
}

export interface VaultDevice {
  readonly deviceId: string
  readonly name: string
  readonly keyVersion: number
  readonly firstUnlockedAt: string
  readonly lastUnlockedAt: string
}

export interface VaultStatus {
  readonly product: VaultProduct
  readonly state: "not-activated" | "active" | "reset"
  readonly vaultId?: string
  readonly keyVersion?: number
  readonly dataKeyVersion?: number
  /** The current envelope's salt: a device needs it to derive the key proof before unlocking. */
  readonly salt?: string
  readonly activatedAt?: string
  readonly keyRotatedAt?: string
  readonly resetAt?: string
  readonly itemCount: number
  readonly devices: ReadonlyArray<VaultDevice>
  readonly lastActivityAt?: string
}

export interface ActivateVaultRequest {
  readonly password: string
  readonly vaultId: string
  readonly envelope: VaultEnvelope
  readonly keyProof: string
  readonly device: VaultDeviceInput
}

export interface ActivateVaultResponse {
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly activatedAt: string
}

export interface UnlockVaultRequest {
  readonly password: string
  readonly keyProof: string
  readonly device: VaultDeviceInput
}

export interface UnlockVaultResponse {
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly envelope: VaultEnvelope
  readonly newDevice: boolean
}

export interface VaultItemRecord {
  readonly itemId: string
  readonly version: number
  readonly dataKeyVersion: number
  readonly iv: string
  readonly ciphertext: string
  readonly updatedAt: string
}

/** The whole vault, for `openExportBundle` with the client key; safe to keep as the vault is. */
export interface VaultExportBundle {
  readonly format: "portcullis.vault-export"
  readonly formatVersion: 1
  readonly product: VaultProduct
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly envelope: VaultEnvelope
  readonly exportedAt: string
  readonly items: ReadonlyArray<VaultItemRecord>
}

export interface VaultItemPage {
  readonly items: ReadonlyArray<VaultItemRecord>
  readonly next?: string
}

/** `baseVersion` 0 creates the item; the saved version is `baseVersion + 1`, which the ciphertext's associated data binds. */
export interface SaveVaultItemRequest {
  readonly baseVersion: number
  readonly dataKeyVersion: number
  readonly iv: string
  /** At most 32,768 characters. */
  readonly ciphertext: string
}

export interface SaveVaultItemResponse {
  readonly itemId: string
  readonly version: number
  readonly updatedAt: string
}

export interface ReencryptedVaultItem {
  readonly itemId: string
  readonly baseVersion: number
  readonly iv: string
  readonly ciphertext: string
}

export interface RotateVaultKeyRequest {
  readonly password: string
  readonly fromKeyVersion: number
  readonly envelope: VaultEnvelope
  readonly keyProof: string
  /** Every live item under a new vault key at `dataKeyVersion` (the old one + 1). */
  readonly reencrypt?: {
    readonly dataKeyVersion: number
    readonly items: ReadonlyArray<ReencryptedVaultItem>
  }
}

export interface RotateVaultKeyResponse {
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly rotatedAt: string
}

export interface ResetVaultRequest {
  readonly password: string
  readonly code?: string
  readonly confirmation: "RESET"
}

export interface ResetVaultResponse {
  readonly state: "reset"
  readonly resetAt: string
}

/** An item of another product's vault, re-encrypted for this one as a new item (version 1). */
export interface ImportedVaultItem {
  readonly sourceItemId: string
  readonly itemId: string
  readonly iv: string
  readonly ciphertext: string
}

/** One import, whole or not at all; sent again with the same `importId`, the same import. */
export interface VaultImportRequest {
  readonly importId: string
  readonly fromProduct: VaultProduct
  readonly dataKeyVersion: number
  /** At most 10,000. */
  readonly items: ReadonlyArray<ImportedVaultItem>
  /** How many the client could not move: counted on the server, never described. */
  readonly notMoved: number
}

export interface VaultImportResponse {
  readonly importId: string
  readonly imported: number
  readonly alreadyThere: number
  readonly notMoved: number
}

/** RFC 9457 problem details; `type` ends in the slug (`https://portcullis.dev/problems/vault-key-stale`). */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly [extension: string]: unknown
}

/** The header that carries the key proof on item requests and rotation. */
export const keyProofHeader = "Vault-Key-Proof"
