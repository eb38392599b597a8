import { createHmac, hkdfSync } from "node:crypto"
import { Effect, Layer } from "effect"
import { KeyedDigest, type KeyedDigestApi } from "../../application/platform/keyed-digest.js"

export const makeHmacKeyedDigest = (serverKey: Uint8Array): KeyedDigestApi => {
  const keys = new Map<string, Buffer>()
  const keyFor = (purpose: string) => {
    let key = keys.get(purpose)
    if (!key) {
      key = Buffer.from(hkdfSync("sha256", serverKey, "portcullis", `keyed-digest:${purpose}`, 32))
      keys.set(purpose, key)
    }
    return key
  }
  return {
    digest: (purpose, value) =>
      Effect.sync(() => createHmac("sha256", keyFor(purpose)).update(value).digest("hex")),
  }
}

export const HmacKeyedDigestLive = (serverKey: Uint8Array) =>
  Layer.succeed(KeyedDigest, makeHmacKeyedDigest(serverKey))
