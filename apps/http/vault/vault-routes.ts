import { Effect } from "effect"
import {
  activateVault,
  resetVaultByCustomer,
  rotateVaultKey,
  unlockVault,
  vaultStatus,
} from "../../../application/vault/index.js"
import { sessionOf } from "../sessions/session-of.js"
import { defineRoute } from "../shell/route.js"
import {
  basePath,
  deviceOf,
  itemFailures,
  keyProofHeader,
  keyProofOf,
  noStore,
  ProductParams,
  tags,
  vaultFailures,
} from "./vault-request.js"
import {
  ActivateVaultRequest,
  ActivateVaultResponse,
  ResetVaultRequest,
  ResetVaultResponse,
  RotateVaultKeyRequest,
  RotateVaultKeyResponse,
  UnlockVaultRequest,
  UnlockVaultResponse,
  VaultStatus,
} from "./vault-wire.js"

// The customer's reset asks for a code from the app when 2FA is on: the 2FA decider's refusals.
const twoFactorFailures = {
  ChallengeLocked: true,
  ChallengeUnknown: true,
  CodeRejected: true,
  EmergencyCodeNotIssued: true,
  NoEnrollmentInProgress: true,
  TwoFactorNotEnabled: true,
  VerificationRequired: true,
} as const

/**
 * A re-encrypting rotation carries every item in one body: 8 MiB is 10,000 items of about 600
 * characters, or some 250 at the 32,768-character maximum; a larger vault rotates without
 * re-encryption (docs/vault.md).
 */
export const keyRotationBodyLimitBytes = 8 * 1024 * 1024

/** The vault itself: status, activation, unlock, key rotation and the customer's reset. */
export const vaultRoutes = [
  defineRoute({
    method: "GET",
    path: basePath,
    summary: "The vault's status: activated or not, key versions, the salt, devices, item count",
    description:
      "Never a wrapped key or a ciphertext. A device reads the salt here to derive its key proof before it unlocks.",
    tags,
    params: ProductParams,
    responses: { 200: { description: "The vault's status", schema: VaultStatus } },
    failures: { SessionInvalid: true },
    handler: ({ params, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        return { status: 200, body: yield* vaultStatus(session.accountId, params.product) }
      }),
  }),
  defineRoute({
    method: "POST",
    path: basePath,
    summary: "Activate the vault with a client key made on the client (the account password again)",
    description:
      "The client generates the 36-character client key, a vault key and the envelope; the server gets only the envelope and the key proof. Sent again, it answers the same.",
    tags,
    params: ProductParams,
    body: ActivateVaultRequest,
    responses: { 201: { description: "Activated", schema: ActivateVaultResponse } },
    failures: { ProductReadOnly: true, ...vaultFailures, PasswordIncorrect: true },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const activated = yield* activateVault(
          session.accountId,
          params.product,
          { ...body, device: deviceOf(body.device) },
          session.metadata,
        )
        return { status: 201, body: activated }
      }),
  }),
  defineRoute({
    method: "POST",
    path: `${basePath}/unlock`,
    summary: "Unlock on a device: the password and the key proof give the envelope back",
    description:
      "A device that unlocks for the first time is recorded, and every address on the account is told.",
    tags,
    params: ProductParams,
    body: UnlockVaultRequest,
    responses: {
      200: {
        description: "Unlocked: the envelope to unwrap the vault key with",
        schema: UnlockVaultResponse,
      },
    },
    failures: { ...vaultFailures, PasswordIncorrect: true },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const unlocked = yield* unlockVault(
          session.accountId,
          params.product,
          { ...body, device: deviceOf(body.device) },
          session.metadata,
        )
        return { status: 200, body: unlocked, headers: noStore }
      }),
  }),
  defineRoute({
    method: "POST",
    path: `${basePath}/key-rotation`,
    summary: "Rotate the client key: a new envelope, optionally every item re-encrypted",
    description:
      "The header proves the current key, `keyProof` is the new key's. The old envelope is erased from the log; a device still holding the old key is refused with `vault-key-stale`. Body up to 8 MiB.",
    tags,
    params: ProductParams,
    body: RotateVaultKeyRequest,
    headers: keyProofHeader,
    bodyLimitBytes: keyRotationBodyLimitBytes,
    responses: { 200: { description: "Rotated", schema: RotateVaultKeyResponse } },
    failures: {
      ProductReadOnly: true,
      ...vaultFailures,
      ...itemFailures,
      PasswordIncorrect: true,
      VaultKeyProofRequired: true,
    },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const { keyProof: newKeyProof, ...rest } = body
        const rotated = yield* rotateVaultKey(
          session.accountId,
          params.product,
          { ...rest, keyProof, newKeyProof },
          session.metadata,
        )
        return { status: 200, body: rotated }
      }),
  }),
  defineRoute({
    method: "POST",
    path: `${basePath}/reset`,
    summary: "Reset the vault: every item and key is deleted (typed RESET, the password, the 2FA code)",
    description:
      "For a lost client key: no key is needed. The wrapped key and every ciphertext are erased from the log; the devices are forgotten; every address on the account is told. A new vault can be activated after.",
    tags,
    params: ProductParams,
    body: ResetVaultRequest,
    responses: { 200: { description: "Reset: all vault data is deleted", schema: ResetVaultResponse } },
    failures: {
      ProductReadOnly: true,
      ...vaultFailures,
      ...twoFactorFailures,
      PasswordIncorrect: true,
      SecondFactorRequired: true,
      VaultResetNotConfirmed: true,
    },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const reset = yield* resetVaultByCustomer(session.accountId, params.product, body, session.metadata)
        return { status: 200, body: { state: "reset" as const, resetAt: reset.resetAt } }
      }),
  }),
]
