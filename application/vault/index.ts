// The vault's use cases (docs/vault.md "Use cases"), for the HTTP and CLI drivers.

export { SecondFactorRequired } from "../two-factor/step-up.js"
export { type ActivateVaultInput, activateVault } from "./activation.js"
export { exportFormat, exportVault, type VaultExportBundle } from "./export.js"
export {
  type ImportedVaultItem,
  type ImportIntoVaultInput,
  importIntoVault,
  type VaultImportResult,
} from "./import.js"
export {
  deleteVaultItem,
  listVaultItems,
  readVaultItem,
  type SaveVaultItemInput,
  saveVaultItem,
} from "./items.js"
export { type ReencryptedItem, type RotateVaultKeyInput, rotateVaultKey } from "./key-rotation.js"
export {
  finishVaultErasure,
  type ResetVaultByCustomerInput,
  resetConfirmation,
  resetVaultByCustomer,
  resetVaultBySupport,
  VaultResetNotConfirmed,
} from "./reset.js"
export { type UnlockVaultInput, unlockVault } from "./unlock.js"
export type { Erased } from "./vault-erasure.js"
export {
  type VaultItem,
  type VaultItemPage,
  VaultItems,
  type VaultItemsApi,
} from "./vault-items-directory.js"
export { type VaultDeviceStatus, type VaultStatus, vaultStatus } from "./vault-status.js"
export { keyProofDigest } from "./vault-streams.js"
