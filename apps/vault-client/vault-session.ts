// The customer's side of the vault: activate, unlock, read and write items, rotate the key. Only
// salts, envelopes, key proofs and ciphertexts leave this file; the client key and the vault key stay.
import type { VaultApi } from "./api/vault-api.js"
import type {
  VaultDeviceInput,
  VaultEnvelope,
  VaultExportBundle,
  VaultImportResponse,
  VaultItemRecord,
  VaultProduct,
} from "./api/wire.js"
import {
  decryptItem,
  type EnvelopeContext,
  encryptItem,
  type Key,
  newVaultKey,
  openEnvelope,
  sealEnvelope,
  type VaultItemContent,
} from "./crypto/vault-crypto.js"
import type { DeviceKeyStore } from "./device/key-store.js"
import { assertHolds } from "./import/item-kinds.js"
import { type ClientKey, generateClientKey } from "./key/client-key.js"

export interface VaultItem {
  readonly itemId: string
  readonly version: number
  readonly updatedAt: string
  readonly content: VaultItemContent
}

export interface SessionState {
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

/** Keeps the key on this device, when it has a key store. */
export const remember = (access: VaultAccess, s: SessionState) =>
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

  get product(): VaultProduct {
    return this.access.product
  }

  /** Every item as stored (ciphertexts), page by page: `open` decrypts one. */
  async records(): Promise<ReadonlyArray<VaultItemRecord>> {
    const { api, product } = this.access
    const out: VaultItemRecord[] = []
    let after: string | undefined
    do {
      const page = await api.listItems(product, this.state.keyProof, after === undefined ? {} : { after })
      out.push(...page.items)
      after = page.next
    } while (after !== undefined)
    return out
  }

  /** One stored item, decrypted; `VaultDecryptionFailed` if it does not open with this vault's key. */
  async open(record: VaultItemRecord): Promise<VaultItem> {
    const context = this.context(record.itemId, record.version, record.dataKeyVersion)
    const content = await decryptItem(this.state.vaultKey, context, record)
    return { itemId: record.itemId, version: record.version, updatedAt: record.updatedAt, content }
  }

  /** Every item, decrypted, page by page. */
  async items(): Promise<ReadonlyArray<VaultItem>> {
    const out: VaultItem[] = []
    for (const record of await this.records()) out.push(await this.open(record))
    return out
  }

  async get(itemId: string): Promise<VaultItem> {
    return this.open(await this.access.api.getItem(this.access.product, this.state.keyProof, itemId))
  }

  /** `baseVersion` is the version this device read (0 for a new item); a concurrent save answers `vault-item-conflict`. */
  async save(input: {
    readonly itemId?: string
    readonly baseVersion: number
    readonly content: VaultItemContent
  }) {
    assertHolds(this.access.product, input.content)
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

  /**
   * `items` (another product's, already decrypted) sealed as new items of this vault and uploaded
   * as one import; a source imported before is counted as already there (`importFromPasswordManager`).
   */
  async importItems(input: {
    readonly fromProduct: VaultProduct
    readonly items: ReadonlyArray<{ readonly sourceItemId: string; readonly content: VaultItemContent }>
    readonly notMoved: number
  }): Promise<VaultImportResponse> {
    const items = []
    for (const { sourceItemId, content } of input.items) {
      assertHolds(this.access.product, content)
      const itemId = globalThis.crypto.randomUUID()
      const sealed = await encryptItem(this.state.vaultKey, this.context(itemId, 1), content)
      items.push({ sourceItemId, itemId, ...sealed })
    }
    return this.access.api.importItems(this.access.product, this.state.keyProof, {
      importId: globalThis.crypto.randomUUID(),
      fromProduct: input.fromProduct,
      dataKeyVersion: this.state.dataKeyVersion,
      items,
      notMoved: input.notMoved,
    })
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
