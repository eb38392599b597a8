// What a vault client would send, as opaque base64url-looking strings: the server checks no byte
// format (the HTTP edge does), only digests, versions and ids.
import type { KeyEnvelope } from "../../domain/vault/vault-events.js"

export const product = "id-protection" as const

export const envelopeOf = (n: number): KeyEnvelope => ({
  salt: `salt${n}`.padEnd(43, "S"),
  iv: `iv${n}`.padEnd(16, "I"),
  wrappedVaultKey: `wrapped${n}`.padEnd(64, "W"),
})

export const proofOf = (key: string) => `proof-of-${key}`.padEnd(43, "P")

let ids = 0
/** A fresh UUID-shaped id, in increasing order (the item list pages in id order). */
export const nextId = () => {
  ids++
  return `0193${String(ids).padStart(4, "0")}-0000-4000-8000-000000000000`
}

export const laptop = { deviceId: "11111111-1111-4111-8111-111111111111", name: "Laptop" }
export const phone = { deviceId: "22222222-2222-4222-8222-222222222222", name: "Phone" }
