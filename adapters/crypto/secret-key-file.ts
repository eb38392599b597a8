import { randomBytes } from "node:crypto"
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { makeDirectory } from "../fs/make-directory.js"

export const secretKeyBytes = 32

export class InvalidSecretKey extends Error {
  override readonly name = "InvalidSecretKey"
}

/** The server key as configured: 32 bytes, base64 (standard or URL-safe) or 64 hex digits. */
export const parseSecretKey = (text: string, source: string): Uint8Array => {
  const trimmed = text.trim()
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed.replace(/-/g, "+").replace(/_/g, "/"), "base64")
  if (bytes.length !== secretKeyBytes) {
    // The key itself never goes into a message: only its length.
    throw new InvalidSecretKey(
      `${source} must hold ${secretKeyBytes} bytes (base64 or hex); it holds ${bytes.length}`,
    )
  }
  return new Uint8Array(bytes)
}

/** The entitlement signing key's file: an Ed25519 seed, in the same form as the server key. */
export const signingKeyFileName = "signing.key"

/**
 * The embedded default: a key generated into the data folder on first start, readable by its owner
 * only. Created with O_EXCL, so two processes starting at once cannot write two different keys.
 */
export const loadOrCreateSecretKeyFile = (
  dataDir: string,
  fileName = "secret.key",
): { key: Uint8Array; created: boolean; path: string } => {
  const path = join(dataDir, fileName)
  makeDirectory(dataDir)
  let created = false
  try {
    writeFileSync(path, `${randomBytes(secretKeyBytes).toString("base64")}\n`, { mode: 0o600, flag: "wx" })
    created = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  return { key: parseSecretKey(readFileSync(path, "utf8"), path), created, path }
}
