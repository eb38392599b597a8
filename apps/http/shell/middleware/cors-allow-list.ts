import type { MiddlewareHandler } from "hono"
import { cors } from "hono/cors"

// What a browser client must be able to read from an answer: the request id to quote to support,
// the validator to send back, when to retry, where a created thing is, and the throttle's state.
const exposedHeaders = ["x-request-id", "ETag", "Retry-After", "Location", "RateLimit", "RateLimit-Policy"]

// `vault-key-proof`: a browser app's vault client proves the key on every item request.
const allowedHeaders = [
  "authorization",
  "content-type",
  "idempotency-key",
  "if-match",
  "x-request-id",
  "vault-key-proof",
]

/**
 * Cross-origin access for the listed origins only (exact `scheme://host[:port]`), preflights
 * answered. No list, no CORS headers at all: the API is then same-origin or server-to-server only.
 */
export const corsAllowList = (origins: ReadonlyArray<string>): MiddlewareHandler | undefined => {
  if (origins.length === 0) return undefined
  const allowed = new Set(origins)
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: allowedHeaders,
    exposeHeaders: exposedHeaders,
    // Bearer tokens travel in a header, never in cookies: no credentials mode.
    maxAge: 600,
  })
}
