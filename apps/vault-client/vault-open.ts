// Opening a vault on this device: activation makes the client key here, unlock takes it typed,
// scanned or kept. Only the envelope and the key proof leave the device.
import { fromBase64Url } from "./crypto/bytes.js"
import {
  deriveKeys,
  type EnvelopeContext,
  newVaultKey,
  openEnvelope,
  sealEnvelope,
} from "./crypto/vault-crypto.js"
import { ClientKeyMalformed, ClientKeyNeeded, VaultNotActive } from "./errors.js"
import { type ClientKey, generateClientKey, parseClientKey } from "./key/client-key.js"
import { remember, type VaultAccess, VaultSession } from "./vault-session.js"

/** Makes the client key here, creates the vault, and returns the key for the emergency kit. */
export const activateVault = async (
  access: VaultAccess & { readonly password: string },
): Promise<{ readonly session: VaultSession; readonly clientKey: ClientKey }> => {
  const clientKey = generateClientKey()
  const vaultId = globalThis.crypto.randomUUID()
  const exportable = await newVaultKey()
  const context: EnvelopeContext = { product: access.product, vaultId, keyVersion: 1, dataKeyVersion: 1 }
  const { envelope, keyProof } = await sealEnvelope(clientKey, exportable, context)
  const answer = await access.api.activate(access.product, {
    password: access.password,
    vaultId,
    envelope,
    keyProof,
    device: access.device,
  })
  const vaultKey = await openEnvelope(clientKey, envelope, context)
  const state = {
    vaultId,
    keyVersion: answer.keyVersion,
    dataKeyVersion: answer.dataKeyVersion,
    envelope,
    clientKey,
    keyProof,
    vaultKey,
  }
  await remember(access, state)
  return { session: new VaultSession(access, state), clientKey }
}

/**
 * Unlocks with the typed or scanned key, or else with the key this device keeps. A mistyped key
 * fails here (`ClientKeyMalformed`); a well-formed wrong one is the server's `vault-key-incorrect`.
 */
export const unlockVault = async (
  access: VaultAccess & { readonly password: string; readonly clientKey?: string | ClientKey },
): Promise<{ readonly session: VaultSession; readonly newDevice: boolean }> => {
  const { api, product } = access
  const status = await api.status(product)
  if (status.state !== "active" || status.salt === undefined || status.vaultId === undefined) {
    throw new VaultNotActive(status.state === "reset" ? "reset" : "not-activated")
  }
  const clientKey = await resolveKey(access, status.vaultId, status.salt)
  const { keyProof } = await deriveKeys(clientKey, fromBase64Url(status.salt))
  const answer = await api.unlock(product, { password: access.password, keyProof, device: access.device })
  const context = {
    product,
    vaultId: answer.vaultId,
    keyVersion: answer.keyVersion,
    dataKeyVersion: answer.dataKeyVersion,
  }
  const vaultKey = await openEnvelope(clientKey, answer.envelope, context)
  const state = { ...context, envelope: answer.envelope, clientKey, keyProof, vaultKey }
  await remember(access, state)
  return { session: new VaultSession(access, state), newDevice: answer.newDevice }
}

const resolveKey = async (
  access: VaultAccess & { readonly clientKey?: string | ClientKey },
  vaultId: string,
  salt: string,
): Promise<ClientKey> => {
  if (access.clientKey !== undefined) {
    const parsed = parseClientKey(
      typeof access.clientKey === "string" ? access.clientKey : access.clientKey.canonical,
    )
    if (!parsed.ok)
      throw new ClientKeyMalformed(parsed.reason, parsed.reason === "character" ? parsed.position : undefined)
    return parsed.key
  }
  const stored = await access.keyStore?.get(access.product)
  if (stored === undefined || stored.vaultId !== vaultId) throw new ClientKeyNeeded("unknown-device")
  if (stored.salt === salt) return { canonical: stored.clientKey }
  // A rotation this device started but never heard the answer of.
  if (stored.pending?.salt === salt) return { canonical: stored.pending.clientKey }
  throw new ClientKeyNeeded("key-rotated")
}
