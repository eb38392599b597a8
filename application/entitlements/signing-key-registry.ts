import { Effect } from "effect"
import { entitlementLifetimeMs } from "../../domain/entitlements/entitlement.js"
import { signingKeys, signingKeysStreamId } from "../../domain/entitlements/signing-keys.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { systemActor } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { now } from "../platform/now.js"
import { EntitlementSigner } from "./entitlement-signer.js"

// The published public keys (the JWKS) and their retirement. A process publishes its own key the
// first time it signs (or starts serving), so the key set is the log's, shared by every instance.

const publishedHere = new Set<string>()

/** Records this process's key on the stream once; a retired key is refused (it must not sign again). */
export const publishOwnKey = Effect.gen(function* () {
  const signer = yield* EntitlementSigner
  if (publishedHere.has(signer.kid)) return
  yield* runCommand(
    signingKeys,
    signingKeysStreamId,
    { _tag: "Publish", kid: signer.kid, x: signer.x, at: yield* now },
    { metadata: { actor: systemActor("entitlements") } },
  ).pipe(
    // Publishing meets only a retired key (or a lost race, retried by the caller); the rest are bugs.
    Effect.catchAll((error) =>
      error._tag === "SigningKeyRetiredAlready" || error._tag === "StreamVersionConflict"
        ? Effect.fail(error)
        : Effect.die(error),
    ),
  )
  publishedHere.add(signer.kid)
})

export interface PublicSigningKey {
  readonly kid: string
  readonly x: string
  readonly current: boolean
  readonly publishedAt: string | undefined
  readonly retiredAt: string | undefined
}

/** Every key an app may meet on an entitlement, retired ones listed apart (for the operator). */
export const signingKeyStatus = Effect.gen(function* () {
  const signer = yield* EntitlementSigner
  const { state } = yield* loadAggregate(signingKeys, signingKeysStreamId)
  const recorded = state._tag === "Published" ? state.keys : []
  const keys: Array<PublicSigningKey> = recorded.map((k) => ({
    kid: k.kid,
    x: k.x,
    current: k.kid === signer.kid,
    publishedAt: k.publishedAt,
    retiredAt: k.retiredAt,
  }))
  if (!keys.some((k) => k.current)) {
    keys.push({ kid: signer.kid, x: signer.x, current: true, publishedAt: undefined, retiredAt: undefined })
  }
  return keys
})

/** The JWKS: this process's key and every published one not retired. */
export const publishedKeySet = Effect.map(signingKeyStatus, (keys) => ({
  keys: keys
    .filter((k) => k.retiredAt === undefined)
    .map((k) => ({
      kty: "OKP" as const,
      crv: "Ed25519" as const,
      alg: "EdDSA" as const,
      use: "sig" as const,
      kid: k.kid,
      x: k.x,
    })),
}))

/** Takes a key out of the JWKS once nothing it signed can still be believed. */
export const retireSigningKey = Effect.fn("Entitlements.retireSigningKey")(function* (
  kid: string,
  metadata: EventMetadata,
) {
  const signer = yield* EntitlementSigner
  // The current key on record first, so that retiring it is refused as in use, not as unknown.
  yield* publishOwnKey
  const result = yield* runCommand(
    signingKeys,
    signingKeysStreamId,
    { _tag: "Retire", kid, currentKid: signer.kid, lifetimeMs: entitlementLifetimeMs, at: yield* now },
    { metadata },
  )
  return { retired: result.events.length > 0 }
})
