import { Effect, type ManagedRuntime } from "effect"
import type { Context, Hono } from "hono"
import type { RunLog } from "../../http/shell/failure-response.js"
import type { Feature } from "../../http/shell/feature.js"
import { type HttpEnv, problemContextOf } from "../../http/shell/http-env.js"
import { mountRouteAt } from "../../http/shell/mount-route.js"
import { builtInProblems, problemResponse } from "../../http/shell/problem.js"
import { requestProblems } from "../../http/shell/request-errors.js"
import { vaultFeature } from "../../http/vault/vault-feature.js"
import { type PortalCookies, readCookie } from "../shell/cookies.js"
import { type csrfToken, isOwnForm } from "../shell/csrf.js"

// The vault's screens run the client library in the browser, which calls the vault's JSON routes.
// A page has no bearer token (the session is an HttpOnly cookie no script reads), so the portal
// serves the same routes again under /vault/api with the cookie as the token, once the request
// proves it comes from one of our pages (the CSRF token in `x-csrf-token`). Same decoding, same
// problems; not in /openapi.json, whose routes these are.

export const vaultApiPrefix = "/vault/api"

const apiPrefix = "/v1/account/vault"

const bridgedPath = (path: string) => `${vaultApiPrefix}${path.slice(apiPrefix.length)}`

/** What the bridge's routes need: the vault feature's services, and the CSRF check's. */
export type VaultBridgeServices =
  | (typeof vaultFeature extends Feature<infer R> ? R : never)
  | Effect.Effect.Context<ReturnType<typeof csrfToken>>

/** The bridge's routes as the app's body limits and log redaction see them. */
export const vaultBridgeRoutes = vaultFeature.routes.map((route) => ({
  method: route.method,
  path: bridgedPath(route.path),
  bodyLimitBytes: route.bodyLimitBytes,
  secretParams: route.secretParams,
}))

const problems = { ...builtInProblems, ...vaultFeature.problems, ...requestProblems }

const csrfRefused = {
  status: 403,
  slug: "csrf-token-invalid",
  title: "Request not from the portal",
  detail: "Reload the page: the request did not carry this browser's portal token.",
}

export const mountVaultApiBridge = <ER>(
  app: Hono<HttpEnv>,
  runner: {
    readonly runtime: ManagedRuntime.ManagedRuntime<VaultBridgeServices, ER>
    readonly runLog: RunLog
    readonly cookies: PortalCookies
    readonly publicOrigin: string
  },
): void => {
  const { runtime, cookies } = runner
  app.use(`${vaultApiPrefix}/*`, async (c, next) => {
    const own = await runtime.runPromise(
      isOwnForm({
        secret: readCookie(c, cookies, "csrf"),
        token: c.req.header("x-csrf-token"),
        fetchSite: c.req.header("sec-fetch-site"),
        origin: c.req.header("origin"),
        ownOrigins: [new URL(c.req.url).origin, runner.publicOrigin],
      }).pipe(Effect.orElseSucceed(() => false)),
    )
    if (!own) return problemResponse(csrfRefused, problemContextOf(c))
    return next()
  })
  const authorization = (c: Context<HttpEnv>) => {
    const token = readCookie(c, cookies, "session")
    return token === undefined || token === "" ? undefined : `Bearer ${token}`
  }
  for (const route of vaultFeature.routes) {
    mountRouteAt(
      app,
      route,
      { runtime, problems, runLog: runner.runLog },
      { path: bridgedPath(route.path), authorization },
    )
  }
}
