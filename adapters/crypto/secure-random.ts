import { randomBytes } from "node:crypto"
import { Effect, Layer } from "effect"
import { SecureRandom } from "../../application/platform/secure-random.js"
import { newUuidV7 as uuidV7 } from "./uuid-v7.js"

export const SecureRandomLive = Layer.succeed(SecureRandom, {
  bytes: (length) => Effect.sync(() => new Uint8Array(randomBytes(length))),
  uuidV7: Effect.sync(() => uuidV7()),
})
