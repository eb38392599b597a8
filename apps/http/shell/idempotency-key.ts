import { Data, Effect } from "effect"
import type { HeaderSpecs, RequestInfo } from "./route-types.js"

/** An `Idempotency-Key` header that is empty, too long or not visible ASCII. */
export class InvalidIdempotencyKey extends Data.TaggedError("InvalidIdempotencyKey") {}

// Visible ASCII, as a UUID or any client's own token is; 255 as Stripe allows.
const keyPattern = /^[\x21-\x7e]{1,255}$/

/** Whether a client's key is one the API takes (the portal's forms carry theirs in a hidden field). */
export const isIdempotencyKey = (key: string): boolean => keyPattern.test(key)

/** The request's `Idempotency-Key`, if it sent one. */
export const idempotencyKeyOf = (
  request: RequestInfo,
): Effect.Effect<string | undefined, InvalidIdempotencyKey> => {
  const key = request.header("idempotency-key")
  if (key === undefined) return Effect.succeed(undefined)
  return keyPattern.test(key) ? Effect.succeed(key) : Effect.fail(new InvalidIdempotencyKey())
}

/** What `/openapi.json` says of the header, for the routes that read it. */
export const idempotencyKeyHeader: HeaderSpecs = {
  "Idempotency-Key": {
    description:
      "Makes a retry safe: the same key and body answer the first answer again; another body is a 409 `idempotency-key-reused`",
    schema: { type: "string", pattern: "^[\\x21-\\x7e]{1,255}$" },
  },
}
