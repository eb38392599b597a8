import { Context, type Effect } from "effect"

/**
 * HMAC-SHA-256 under a key derived from the server key, one derived key per purpose: indexes bearer
 * secrets (product keys) so they can be found without being stored in clear, and an attacker with
 * the database alone cannot test guesses against the index.
 */
export interface KeyedDigestApi {
  readonly digest: (purpose: string, value: string) => Effect.Effect<string>
}

export class KeyedDigest extends Context.Tag("application/KeyedDigest")<KeyedDigest, KeyedDigestApi>() {}
