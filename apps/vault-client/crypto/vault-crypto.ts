// The vault's cryptography, WebCrypto only (decision 39): HKDF-SHA-256 over the client key with a
// per-vault salt gives the wrapping key and the key proof; a random AES-256-GCM vault key encrypts
// the items; every ciphertext binds where it belongs through its associated data.
import type { VaultEnvelope, VaultProduct } from "../api/wire.js"
import { VaultDecryptionFailed } from "../errors.js"
import type { ClientKey } from "../key/client-key.js"
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from "./bytes.js"

// @types/node has no global CryptoKey type, and the library is typechecked without the DOM too.
export type Key = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>

const subtle = () => globalThis.crypto.subtle
const aesGcm = { name: "AES-GCM", length: 256 } as const

export const wrapInfo = "portcullis vault v1 wrap"
export const proofInfo = "portcullis vault v1 proof"

export interface EnvelopeContext {
  readonly product: VaultProduct
  readonly vaultId: string
  readonly keyVersion: number
  readonly dataKeyVersion: number
}

export interface ItemContext {
  readonly vaultId: string
  readonly itemId: string
  readonly version: number
  readonly dataKeyVersion: number
}

export const envelopeAad = (c: EnvelopeContext): string =>
  ["portcullis vault v1 envelope", c.product, c.vaultId, c.keyVersion, c.dataKeyVersion].join("\n")

export const itemAad = (c: ItemContext): string =>
  ["portcullis vault v1 item", c.vaultId, c.itemId, c.version, c.dataKeyVersion].join("\n")

export interface DerivedKeys {
  readonly wrappingKey: Key
  /** Sent to the server, which keeps only a keyed digest of it: it shows the key without revealing it. */
  readonly keyProof: string
}

export const deriveKeys = async (
  clientKey: ClientKey,
  salt: Uint8Array<ArrayBuffer>,
): Promise<DerivedKeys> => {
  const ikm = await subtle().importKey("raw", utf8(clientKey.canonical), "HKDF", false, [
    "deriveKey",
    "deriveBits",
  ])
  const hkdf = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt, info: utf8(info) })
  const wrappingKey = await subtle().deriveKey(hkdf(wrapInfo), ikm, aesGcm, false, ["wrapKey", "unwrapKey"])
  const proof = new Uint8Array(await subtle().deriveBits(hkdf(proofInfo), ikm, 256))
  return { wrappingKey, keyProof: toBase64Url(proof) }
}

/** Extractable, because it must be wrapped; daily use gets the non-extractable copy from `openEnvelope`. */
export const newVaultKey = (): Promise<Key> => subtle().generateKey(aesGcm, true, ["encrypt", "decrypt"])

/** A fresh salt, wraps `vaultKey` under the client key, and returns the envelope with the new key proof. */
export const sealEnvelope = async (
  clientKey: ClientKey,
  vaultKey: Key,
  context: EnvelopeContext,
): Promise<{ readonly envelope: VaultEnvelope; readonly keyProof: string }> => {
  const salt = randomBytes(32)
  const { wrappingKey, keyProof } = await deriveKeys(clientKey, salt)
  const iv = randomBytes(12)
  const wrapped = await subtle().wrapKey("raw", vaultKey, wrappingKey, {
    name: "AES-GCM",
    iv,
    additionalData: utf8(envelopeAad(context)),
  })
  const envelope = {
    salt: toBase64Url(salt),
    iv: toBase64Url(iv),
    wrappedVaultKey: toBase64Url(new Uint8Array(wrapped)),
  }
  return { envelope, keyProof }
}

/** Fails with `VaultDecryptionFailed` for another key, salt or context; `extractable` only to re-wrap at rotation. */
export const openEnvelope = async (
  clientKey: ClientKey,
  envelope: VaultEnvelope,
  context: EnvelopeContext,
  extractable = false,
): Promise<Key> => {
  const { wrappingKey } = await deriveKeys(clientKey, fromBase64Url(envelope.salt))
  try {
    return await subtle().unwrapKey(
      "raw",
      fromBase64Url(envelope.wrappedVaultKey),
      wrappingKey,
      { name: "AES-GCM", iv: fromBase64Url(envelope.iv), additionalData: utf8(envelopeAad(context)) },
      aesGcm,
      extractable,
      ["encrypt", "decrypt"],
    )
  } catch {
    throw new VaultDecryptionFailed("envelope")
  }
}

// == items

/** What a vault item holds; the server sees only its padded ciphertext. */
export type VaultItemContent =
  | {
      readonly kind: "login"
      readonly title: string
      readonly username?: string
      readonly password?: string
      readonly url?: string
      readonly notes?: string
    }
  | { readonly kind: "note"; readonly title: string; readonly text: string }
  | {
      /**
       * A Password Manager form-fill profile (name, address, phone…, as labelled fields). ID
       * Protection has no such kind: the import lists it as not moved (decision 56).
       */
      readonly kind: "form"
      readonly title: string
      readonly fields: ReadonlyArray<{ readonly label: string; readonly value: string }>
    }

const padTo = 64

// Spaces up to a multiple of 64 bytes, so a ciphertext's length says little about its content;
// JSON.parse ignores them.
const padded = (content: VaultItemContent) => {
  const json = utf8(JSON.stringify({ v: 1, ...content }))
  const out = new Uint8Array(Math.ceil((json.length + 1) / padTo) * padTo).fill(0x20)
  out.set(json)
  return out
}

export interface SealedItem {
  readonly iv: string
  readonly ciphertext: string
}

export const encryptItem = async (
  vaultKey: Key,
  context: ItemContext,
  content: VaultItemContent,
): Promise<SealedItem> => {
  const iv = randomBytes(12)
  const ciphertext = await subtle().encrypt(
    { name: "AES-GCM", iv, additionalData: utf8(itemAad(context)), tagLength: 128 },
    vaultKey,
    padded(content),
  )
  return { iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ciphertext)) }
}

export const decryptItem = async (
  vaultKey: Key,
  context: ItemContext,
  sealed: SealedItem,
): Promise<VaultItemContent> => {
  let plain: ArrayBuffer
  try {
    plain = await subtle().decrypt(
      {
        name: "AES-GCM",
        iv: fromBase64Url(sealed.iv),
        additionalData: utf8(itemAad(context)),
        tagLength: 128,
      },
      vaultKey,
      fromBase64Url(sealed.ciphertext),
    )
  } catch {
    throw new VaultDecryptionFailed("item")
  }
  const { v: _version, ...content } = JSON.parse(new TextDecoder().decode(plain)) as {
    v: 1
  } & VaultItemContent
  return content as VaultItemContent
}
