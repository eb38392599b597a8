// The ID Protection vault's client library: the key, the cryptography, the API client and the
// emergency kit, for Node 20+ and browsers alike (decision 41). Nothing here sends a key anywhere.
export { createVaultApi, type Fetch, type VaultApi, type VaultApiOptions } from "./api/vault-api.js"
export type * from "./api/wire.js"
export { keyProofHeader } from "./api/wire.js"
export type { VaultItemContent } from "./crypto/vault-crypto.js"
export { type DeviceKeyStore, memoryKeyStore, type StoredVaultKey } from "./device/key-store.js"
export {
  ClientKeyMalformed,
  ClientKeyNeeded,
  VaultDecryptionFailed,
  VaultExportUnreadable,
  VaultItemKindUnsupported,
  VaultNotActive,
  VaultProblem,
} from "./errors.js"
export { exportToCsv, exportToJson, type OpenedExport, openExportBundle } from "./export/export-bundle.js"
export { holds, kindsHeldBy, type VaultItemKind } from "./import/item-kinds.js"
export {
  importBatchBytes,
  importFromPasswordManager,
  type NotMovedItem,
  type PasswordManagerImport,
} from "./import/password-manager-import.js"
export {
  type ClientKey,
  type ClientKeyParse,
  formatClientKey,
  generateClientKey,
  kitQrPayload,
  parseClientKey,
  parseKitQrPayload,
} from "./key/client-key.js"
export { type KitLanguage, kitCopy } from "./kit/kit-copy.js"
export type { EmergencyKit, KitFile } from "./kit/kit-layout.js"
export { emergencyKitPdf } from "./kit/kit-pdf.js"
export { emergencyKitPng } from "./kit/kit-png.js"
export { activateVault, unlockVault } from "./vault-open.js"
export { resetVault } from "./vault-reset.js"
export {
  type VaultAccess,
  type VaultItem,
  VaultSession,
} from "./vault-session.js"
