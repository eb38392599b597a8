import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"
import { Effect, Layer } from "effect"
import { SecretBox, type SecretBoxApi, SecretBoxOpenError } from "../../application/platform/secret-box.js"

const version = "v1"

/** AES-256-GCM with a random 96-bit nonce; the key id lets a later key rotation tell keys apart. */
export const makeAesGcmSecretBox = (key: Uint8Array): SecretBoxApi => {
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8)
  return {
    seal: (plaintext, context) =>
      Effect.sync(() => {
        const nonce = randomBytes(12)
        const cipher = createCipheriv("aes-256-gcm", key, nonce)
        cipher.setAAD(Buffer.from(context, "utf8"))
        const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()])
        const tag = cipher.getAuthTag()
        return [
          version,
          keyId,
          nonce.toString("base64url"),
          Buffer.concat([body, tag]).toString("base64url"),
        ].join(".")
      }),
    open: (sealed, context) =>
      Effect.try({
        try: () => {
          const [v, id, nonceText, bodyText] = sealed.split(".")
          if (v !== version || id !== keyId || !nonceText || bodyText === undefined)
            throw new Error("unknown format or key")
          const body = Buffer.from(bodyText, "base64url")
          const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonceText, "base64url"))
          decipher.setAAD(Buffer.from(context, "utf8"))
          decipher.setAuthTag(body.subarray(body.length - 16))
          return Buffer.concat([
            decipher.update(body.subarray(0, body.length - 16)),
            decipher.final(),
          ]).toString("utf8")
        },
        catch: () => new SecretBoxOpenError(),
      }),
  }
}

export const AesGcmSecretBoxLive = (key: Uint8Array) => Layer.succeed(SecretBox, makeAesGcmSecretBox(key))
