// The customer's side of the vault: activate, unlock, read and write items, rotate the key. Only
// salts, envelopes, key proofs and ciphertexts leave this file; the client key and the vault key stay.
import type { VaultApi } from "./api/vault-api.js"
import type { VaultDeviceInput, VaultEnvelope, VaultExportBundle, VaultProduct } from "./api/wire.js"
import { fromBase64Url } from "./crypto/bytes.js"
import {
  decryptItem,
  deriveKeys,
  type EnvelopeContext,
  encryptItem,
  type Key,
  newVaultKey,
  openEnvelope,
  sealEnvelope,
  type VaultItemContent,
} from "./crypto/vault-crypto.js"
import type { DeviceKeyStore } from "./device/key-store.js"
import { ClientKeyMalformed, ClientKeyNeeded, VaultNotActive } from "./errors.js"
import { type ClientKey, generateClientKey, parseClientKey } from "./key/client-key.js"

export interface VaultItem {
  readonly itemId: string
  readonly version: number
  readonly updatedAt: string
  readonly content: VaultItemContent
}

interface SessionState {
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
  readonly envelope: VaultEnvelope
  readonly clientKey: ClientKey
  readonly keyProof: string
  readonly vaultKey: Key
}

export interface VaultAccess {
  readonly api: VaultApi
  readonly product: VaultProduct
  readonly device: VaultDeviceInput
  readonly keyStore?: DeviceKeyStore
}

const remember = (access: VaultAccess, s: SessionState) =>
  access.keyStore?.put(access.product, {
    vaultId: s.vaultId,
    keyVersion: s.keyVersion,
    salt: s.envelope.salt,
    clientKey: s.clientKey.canonical,
  })

/** An unlocked vault on this device. */
export class VaultSession {
  constructor(
    private readonly access: VaultAccess,
    private state: SessionState,
  ) {}

  get vaultId(): string {
    return this.state.vaultId
  }
  get keyVersion(): number {
    return this.state.keyVersion
  }
  get dataKeyVersion(): number {
    return this.state.dataKeyVersion
  }
  /** For "show the key again" and a new emergency kit. */
  get clientKey(): ClientKey {
    return this.state.clientKey
  }

  private context(itemId: string, version: number, dataKeyVersion = this.state.dataKeyVersion) {
    return { vaultId: this.state.vaultId, itemId, version, dataKeyVersion }
  }

  /** Every item, decrypted, page by page. */
  async items(): Promise<ReadonlyArray<VaultItem>> {
    const { api, product } = this.access
    const out: VaultItem[] = []
    let after: string | undefined
    do {
      const page = await api.listItems(product, this.state.keyProof, after === undefined ? {} : { after })
      for (const record of page.items) {
        const content = await decryptItem(
          this.state.vaultKey,
          this.context(record.itemId, record.version, record.dataKeyVersion),
          record,
        )
        out.push({ itemId: record.itemId, version: record.version, updatedAt: record.updatedAt, content })
      }
      after = page.next
    } while (after !== undefined)
    return out
  }

  async get(itemId: string): Promise<VaultItem> {
    const record = await this.access.api.getItem(this.access.product, this.state.keyProof, itemId)
    const context = this.context(record.itemId, record.version, record.dataKeyVersion)
    const content = await decryptItem(this.state.vaultKey, context, record)
    return { itemId: record.itemId, version: record.version, updatedAt: record.updatedAt, content }
  }

  /** `baseVersion` is the version this device read (0 for a new item); a concurrent save answers `vault-item-conflict`. */
  async save(input: {
    readonly itemId?: string
    readonly baseVersion: number
    readonly content: VaultItemContent
  }) {
    const itemId = input.itemId ?? globalThis.crypto.randomUUID()
    const sealed = await encryptItem(
      this.state.vaultKey,
      this.context(itemId, input.baseVersion + 1),
      input.content,
    )
    return this.access.api.saveItem(this.access.product, this.state.keyProof, itemId, {
      baseVersion: input.baseVersion,
      dataKeyVersion: this.state.dataKeyVersion,
      ...sealed,
    })
  }

  /** The export bundle (ciphertexts and the wrapped key), for `openExportBundle` here or later. */
  export(): Promise<VaultExportBundle> {
    return this.access.api.exportVault(this.access.product, this.state.keyProof)
  }

  delete(itemId: string, baseVersion: number): Promise<void> {
    return this.access.api.deleteItem(this.access.product, this.state.keyProof, itemId, baseVersion)
  }

  /**
   * A new client key (and a new kit to save). Without `reencrypt` the same vault key is re-wrapped;
   * with it, a new vault key encrypts every item again, so an old key and an old envelope from a
   * backup read nothing current. The new key is kept as pending until the server confirms.
   */
  async rotateKey(input: { readonly password: string; readonly reencrypt?: boolean }): Promise<ClientKey> {
    const { api, product, keyStore } = this.access
    const s = this.state
    const clientKey = generateClientKey()
    const keyVersion = s.keyVersion + 1
    const dataKeyVersion = input.reencrypt ? s.dataKeyVersion + 1 : s.dataKeyVersion
    const envelopeContext: EnvelopeContext = { product, vaultId: s.vaultId, keyVersion, dataKeyVersion }
    const exportable = input.reencrypt
      ? await newVaultKey()
      : await openEnvelope(
          s.clientKey,
          s.envelope,
          { product, vaultId: s.vaultId, keyVersion: s.keyVersion, dataKeyVersion },
          true,
        )
    const { envelope, keyProof } = await sealEnvelope(clientKey, exportable, envelopeContext)
    let reencrypt:
      | {
          dataKeyVersion: number
          items: Array<{ itemId: string; baseVersion: number; iv: string; ciphertext: string }>
        }
      | undefined
    if (input.reencrypt) {
      const items = []
      for (const item of await this.items()) {
        const sealed = await encryptItem(
          exportable,
          this.context(item.itemId, item.version + 1, dataKeyVersion),
          item.content,
        )
        items.push({ itemId: item.itemId, baseVersion: item.version, ...sealed })
      }
      reencrypt = { dataKeyVersion, items }
    }
    const current = await keyStore?.get(product)
    if (current !== undefined)
      await keyStore?.put(product, {
        ...current,
        pending: { keyVersion, salt: envelope.salt, clientKey: clientKey.canonical },
      })
    const answer = await api.rotateKey(product, s.keyProof, {
      password: input.password,
      fromKeyVersion: s.keyVersion,
      envelope,
      keyProof,
      ...(reencrypt === undefined ? {} : { reencrypt }),
    })
    const vaultKey = await openEnvelope(clientKey, envelope, envelopeContext)
    this.state = {
      ...s,
      keyVersion: answer.keyVersion,
      dataKeyVersion: answer.dataKeyVersion,
      envelope,
      clientKey,
      keyProof,
      vaultKey,
    }
    await remember(this.access, this.state)
    return clientKey
  }
}

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

/** Deletes every vault item and the key envelope on the server, and forgets the key here. */
export const resetVault = async (
  access: Pick<VaultAccess, "api" | "product" | "keyStore"> & {
    readonly password: string
    readonly code?: string
    /** What the customer typed to confirm; the server refuses anything but `RESET`. */
    readonly confirmation: string
  },
) => {
  const answer = await access.api.reset(access.product, {
    password: access.password,
    confirmation: access.confirmation as "RESET",
    ...(access.code === undefined ? {} : { code: access.code }),
  })
  await access.keyStore?.remove(access.product)
  return answer
}
