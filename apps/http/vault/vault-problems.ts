import { Data } from "effect"
import type {
  VaultDataKeyStale,
  VaultFull,
  VaultImportInvalid,
  VaultItemConflict,
  VaultKeyIncorrect,
  VaultKeyStale,
  VaultReencryptionIncomplete,
} from "../../../domain/vault/vault-errors.js"
import type { ProblemMapping } from "../shell/problem.js"
import { twoFactorProblems, twoFactorRefusals } from "../two-factor/two-factor-problems.js"

/** An item request or a rotation came without the current key's proof in `Vault-Key-Proof`. */
export class VaultKeyProofRequired extends Data.TaggedError("VaultKeyProofRequired")<{}> {}

/** How the vault's refusals look on the wire (docs/vault.md "HTTP"). */
export const vaultProblems = {
  VaultKeyProofRequired: {
    status: 400,
    slug: "vault-key-proof-required",
    title: "Key proof required",
    detail: () =>
      "Send the current client key's proof in the Vault-Key-Proof header (43 characters of base64url).",
  },
  VaultNotActivated: {
    status: 409,
    slug: "vault-not-activated",
    title: "Vault not activated",
    detail: () => "This account has no vault for the product: activate it first.",
  },
  VaultAlreadyActivated: {
    status: 409,
    slug: "vault-already-activated",
    title: "Vault already activated",
    detail: () => "This account's vault is already on: unlock it with the client key.",
  },
  VaultIdReused: {
    status: 409,
    slug: "vault-id-reused",
    title: "Vault id already used",
    detail: () => "A vault that was reset had this id: make a new one.",
  },
  VaultKeyIncorrect: {
    status: 403,
    slug: "vault-key-incorrect",
    title: "Client key incorrect",
    detail: (error) =>
      `This is not the vault's client key. The current key (version ${error.keyVersion}) is the one on the emergency kit made on ${error.keySince.slice(0, 10)} or later.`,
    extensions: (error) => ({ keyVersion: error.keyVersion, keySince: error.keySince }),
  } satisfies ProblemMapping<VaultKeyIncorrect>,
  VaultKeyStale: {
    status: 409,
    slug: "vault-key-stale",
    title: "Client key changed",
    detail: (error) =>
      `The client key was changed on another device at ${error.rotatedAt}: enter the key from the new emergency kit.`,
    extensions: (error) => ({ keyVersion: error.keyVersion, rotatedAt: error.rotatedAt }),
  } satisfies ProblemMapping<VaultKeyStale>,
  VaultKeyNotNew: {
    status: 422,
    slug: "vault-key-not-new",
    title: "Key not new",
    detail: () => "A new client key must be one this vault never had: generate a new one.",
  },
  VaultDataKeyStale: {
    status: 409,
    slug: "vault-data-key-stale",
    title: "Vault key changed",
    detail: (error) =>
      `The items are now encrypted under data key version ${error.dataKeyVersion}: unlock again, then save.`,
    extensions: (error) => ({ dataKeyVersion: error.dataKeyVersion }),
  } satisfies ProblemMapping<VaultDataKeyStale>,
  VaultItemConflict: {
    status: 409,
    slug: "vault-item-conflict",
    title: "Item changed meanwhile",
    detail: (error) =>
      `Another device saved this item first (now version ${error.currentVersion}): read it again, then save.`,
    extensions: (error) => ({ currentVersion: error.currentVersion }),
  } satisfies ProblemMapping<VaultItemConflict>,
  VaultItemNotFound: {
    status: 404,
    slug: "vault-item-not-found",
    title: "Item not found",
    detail: () => "The vault has no item with this id.",
  },
  VaultItemGone: {
    status: 409,
    slug: "vault-item-deleted",
    title: "Item deleted",
    detail: () => "This item was deleted; its id is not used again. Save it as a new item.",
  },
  VaultReencryptionIncomplete: {
    status: 422,
    slug: "vault-reencryption-incomplete",
    title: "Re-encryption incomplete",
    detail: (error) =>
      `A re-encrypting rotation must bring every item once: ${error.missing.length} missing, ${error.unexpected.length} not in the vault.`,
    extensions: (error) => ({ missing: error.missing, unexpected: error.unexpected }),
  } satisfies ProblemMapping<VaultReencryptionIncomplete>,
  VaultImportInvalid: {
    status: 422,
    slug: "vault-import-invalid",
    title: "Import not possible",
    detail: (error) =>
      error.reason === "same-product"
        ? "A vault imports from another product's vault, not from its own."
        : "An import names each item id and each source item once, and only item ids this vault does not have.",
    extensions: (error) => ({ reason: error.reason }),
  } satisfies ProblemMapping<VaultImportInvalid>,
  VaultFull: {
    status: 409,
    slug: "vault-full",
    title: "Vault full",
    detail: (error) => `A vault holds at most ${error.limit} items: delete some first.`,
    extensions: (error) => ({ limit: error.limit }),
  } satisfies ProblemMapping<VaultFull>,
  VaultResetNotConfirmed: {
    status: 422,
    slug: "vault-reset-not-confirmed",
    title: "Reset not confirmed",
    detail: () => "Type RESET to confirm that all vault data is deleted; nothing was deleted.",
  },
  SecondFactorRequired: {
    status: 403,
    slug: "second-factor-required",
    title: "Second factor required",
    detail: () => "Two-factor authentication is on: send a code from the authenticator app as `code`.",
  },
  ...twoFactorRefusals,
  PasswordIncorrect: twoFactorProblems.PasswordIncorrect,
  CodeRejected: twoFactorProblems.CodeRejected,
}
