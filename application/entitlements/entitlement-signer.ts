import { Context, type Effect } from "effect"

/**
 * The key this process signs entitlements with (Ed25519). The private half stays in the adapter;
 * the rest of the system sees its id (the RFC 7638 thumbprint) and its public half.
 */
export interface EntitlementSignerApi {
  readonly kid: string
  /** The public key as a JWK's `x`: base64url of its 32 bytes. */
  readonly x: string
  readonly sign: (signingInput: Uint8Array) => Effect.Effect<Uint8Array>
}

export class EntitlementSigner extends Context.Tag("application/EntitlementSigner")<
  EntitlementSigner,
  EntitlementSignerApi
>() {}
