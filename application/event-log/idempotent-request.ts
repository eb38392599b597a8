import { Effect } from "effect"
import { canonicalJson } from "../../domain/kernel/canonical-json.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import type { IdempotencyClaim } from "./event-store.js"

/** A client's `Idempotency-Key` and the request it came with. */
export interface IdempotentRequest {
  readonly key: string
  readonly request: unknown
}

const purpose = "idempotency-request"

/**
 * The claim of a request within its caller's scope (an account, or registration for anonymous
 * callers), so two callers' keys never collide. The request is compared by a keyed digest: a body
 * may hold a password, and a plain hash of it in the database could be guessed offline.
 */
export const idempotencyClaim = (scope: string, idempotent: IdempotentRequest) =>
  Effect.map(
    Effect.flatMap(KeyedDigest, (digest) => digest.digest(purpose, canonicalJson(idempotent.request))),
    (fingerprint): IdempotencyClaim => ({ key: `${scope}:${idempotent.key}`, fingerprint }),
  )
