import { createHash } from "node:crypto"
import { canonicalJson } from "../../../domain/kernel/index.js"

export const genesisHash = "0".repeat(64)

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex")

/** Digest of the data as stored; it stays in the row when the data itself is erased. */
export const dataDigest = (storedData: string): string => sha256(storedData)

export interface ChainedFields {
  readonly position: number
  readonly streamId: string
  readonly streamVersion: number
  readonly eventId: string
  readonly type: string
  readonly schemaVersion: number
  readonly dataDigest: string
  /** The stored metadata JSON text, hashed as stored. */
  readonly metadata: string
  readonly recordedAt: string
}

/** hash = SHA-256(prev_hash ‖ canonical envelope), the envelope carrying the data's digest, not the data. */
export const linkHash = (prevHash: string, fields: ChainedFields): string =>
  sha256(`${prevHash}\n${canonicalJson(fields)}`)
