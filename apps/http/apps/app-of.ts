import { Effect } from "effect"
import { authenticateApp } from "../../../application/apps/app-access.js"
import { bearerToken, customerMetadata } from "../sessions/session-of.js"
import type { RequestInfo } from "../shell/route-types.js"

/** The app session behind the request's access token (the shell has checked one is there). */
export const appOf = (request: RequestInfo) =>
  Effect.map(authenticateApp(bearerToken(request)), (session) => ({
    ...session,
    metadata: customerMetadata(request)(session.accountId),
  }))
