import { Context, Data, type Effect } from "effect"

/** A sealed value that does not open: tampered with, or sealed under another key. */
export class SecretBoxOpenError extends Data.TaggedError("SecretBoxOpenError")<{}> {}

/**
 * Encryption at rest under the server key (TOTP secrets, product keys, …). The sealed text carries
 * its own key id and nonce; `context` binds a value to where it belongs, so a sealed secret copied
 * into another account's row does not open there.
 */
export interface SecretBoxApi {
  readonly seal: (plaintext: string, context: string) => Effect.Effect<string>
  readonly open: (sealed: string, context: string) => Effect.Effect<string, SecretBoxOpenError>
}

export class SecretBox extends Context.Tag("application/SecretBox")<SecretBox, SecretBoxApi>() {}
