import { Effect, Schema } from "effect"
import { passwordCheckLimits } from "../../../application/two-factor/re-authentication.js"
import type { HeaderSpecs, RequestInfo } from "../shell/route-types.js"
import { VaultKeyProofRequired } from "./vault-problems.js"
import { KeyProof, VaultProduct } from "./vault-wire.js"

export const tags = ["ID Protection vault"]

export const basePath = "/v1/account/vault/:product"

export const ProductParams = Schema.Struct({ product: VaultProduct })

/** An envelope or a ciphertext: no cache between the customer and the API may keep it. */
export const noStore = { "cache-control": "no-store" }

const keyProofHeaderName = "Vault-Key-Proof"

export const keyProofHeader: HeaderSpecs = {
  [keyProofHeaderName]: {
    description:
      "The current client key's proof (HKDF of the key and the vault's salt, 32 bytes in base64url): it shows the device holds the key without sending it",
    schema: { type: "string", pattern: "^[A-Za-z0-9_-]{43}$" },
    required: true,
  },
}

const isKeyProof = Schema.is(KeyProof)

/** The proof a device sends with every item request and with a rotation. */
export const keyProofOf = (request: RequestInfo): Effect.Effect<string, VaultKeyProofRequired> => {
  const proof = request.header(keyProofHeaderName)?.trim()
  return proof !== undefined && isKeyProof(proof)
    ? Effect.succeed(proof)
    : Effect.fail(new VaultKeyProofRequired())
}

/** The wire's device (`id`) as the domain names it (`deviceId`). */
export const deviceOf = (device: { readonly id: string; readonly name: string }) => ({
  deviceId: device.id,
  name: device.name,
})

// The compiler holds each route's failures to what its use case can fail with, and the vault's
// deciders share one error type; so every vault route lists the vault's refusals, as the 2FA
// routes list the 2FA decider's.
export const vaultFailures = {
  AccountNotFound: true,
  IdempotencyKeyReused: true,
  // A wrong password or key proof counts against the account's password checks.
  RateLimited: passwordCheckLimits,
  SessionInvalid: true,
  StreamVersionConflict: true,
  VaultAlreadyActivated: true,
  VaultDataKeyStale: true,
  VaultFull: true,
  VaultIdReused: true,
  VaultImportInvalid: true,
  VaultKeyIncorrect: true,
  VaultKeyNotNew: true,
  VaultKeyStale: true,
  VaultNotActivated: true,
  VaultReencryptionIncomplete: true,
} as const

export const itemFailures = {
  VaultItemConflict: true,
  VaultItemGone: true,
  VaultItemNotFound: true,
} as const
