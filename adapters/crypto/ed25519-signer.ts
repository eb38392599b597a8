import { createHash, createPrivateKey, createPublicKey, sign } from "node:crypto"
import { Effect } from "effect"
import type { EntitlementSignerApi } from "../../application/entitlements/entitlement-signer.js"

// An Ed25519 key from its 32-byte seed, as the key file and PORTCULLIS_SIGNING_KEY hold it. node:crypto
// signs (no library needed for one algorithm); jose is used only by the tests, as an app would.

// The PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): a fixed prefix, then the 32 bytes.
const pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex")

/** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
const thumbprint = (x: string) =>
  createHash("sha256")
    .update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x }))
    .digest("base64url")

export const makeEd25519Signer = (seed: Uint8Array): EntitlementSignerApi => {
  const privateKey = createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, Buffer.from(seed)]),
    format: "der",
    type: "pkcs8",
  })
  const x = createPublicKey(privateKey).export({ format: "jwk" }).x as string
  return {
    kid: thumbprint(x),
    x,
    sign: (signingInput) => Effect.sync(() => new Uint8Array(sign(null, signingInput, privateKey))),
  }
}
