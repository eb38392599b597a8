import { Context, type Effect } from "effect"

/** Cryptographically strong randomness for ids, tokens, codes and keys (Effect's Random is a PRNG). */
export interface SecureRandomApi {
  readonly bytes: (length: number) => Effect.Effect<Uint8Array>
  /** A UUID v7: time-ordered, so ids sort by creation. */
  readonly uuidV7: Effect.Effect<string>
}

export class SecureRandom extends Context.Tag("application/SecureRandom")<SecureRandom, SecureRandomApi>() {}
