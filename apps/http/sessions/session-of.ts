import { Effect } from "effect"
import { authenticate } from "../../../application/accounts/sessions.js"
import type { EventMetadata } from "../../../domain/kernel/index.js"
import type { RequestInfo } from "../shell/route-types.js"

/** The signed-in account behind the request's bearer token (the shell has checked one is there). */
export const sessionOf = (request: RequestInfo) =>
  Effect.map(authenticate(bearerToken(request)), (session) => ({
    ...session,
    metadata: customerMetadata(request)(session.accountId),
  }))

export const bearerToken = (request: RequestInfo) =>
  (request.header("authorization") ?? "").replace(/^Bearer\s+/i, "").trim()

export const customerMetadata =
  (request: RequestInfo) =>
  (accountId: string): EventMetadata => ({
    actor: { kind: "customer", id: accountId },
    requestId: request.id,
  })

/** Throttles key by the client's address; behind no proxy this is the socket's. */
export const addressOf = (request: RequestInfo) => request.ip ?? "unknown"
