import { Cause, type Effect, type ManagedRuntime } from "effect"
import { Hono } from "hono"
import { HTTPException } from "hono/http-exception"
import { methodNotAllowed } from "hono/method-not-allowed"
import type { PortalMount } from "../portal/portal.js"
import { renderDocsPage } from "./shell/docs-page.js"
import { internalErrorResponse, logUnexpected, type RunLog } from "./shell/failure-response.js"
import { type Feature, problemsOf } from "./shell/feature.js"
import { type HealthReport, healthRoute } from "./shell/health-route.js"
import { type HttpEnv, problemContextOf } from "./shell/http-env.js"
import { accessLog } from "./shell/middleware/access-log.js"
import { bodySizeLimit } from "./shell/middleware/body-size-limit.js"
import { corsAllowList } from "./shell/middleware/cors-allow-list.js"
import { headResponse } from "./shell/middleware/head-response.js"
import { requestId } from "./shell/middleware/request-id.js"
import { secureHeadersFor, styleNonceOf } from "./shell/middleware/secure-headers.js"
import { mountRoute } from "./shell/mount-route.js"
import { buildOpenApiDocument } from "./shell/openapi.js"
import { builtInProblems, problemResponse } from "./shell/problem.js"
import { pathRedaction } from "./shell/redacted-path.js"
import {
  badRequest,
  methodNotAllowedProblem,
  requestProblems,
  routeNotFound,
} from "./shell/request-errors.js"

export interface HttpAppOptions<R, ER = never> {
  /** Its services are inferred from here alone; a layer error surfaces as a logged 500. */
  readonly runtime: ManagedRuntime.ManagedRuntime<R, ER>
  /** Each with its routes and the problems of their failures (which may refine the built-ins). */
  readonly features: ReadonlyArray<Feature<NoInfer<R>>>
  readonly health: Effect.Effect<HealthReport, never, NoInfer<R>>
  readonly bodyLimitBytes?: number
  /** Exact browser origins allowed to call the API (CORS); none by default. */
  readonly corsOrigins?: ReadonlyArray<string>
  readonly info?: { readonly title: string; readonly version: string }
  /** The customer portal's pages, served beside the API (every path outside the API's is theirs). */
  readonly portal?: PortalMount
}

const docsPath = "/docs"

/** The API's own paths; with a portal mounted, every other path is a page of the portal. */
const isApiPath = (path: string) =>
  path === "/v1" ||
  path.startsWith("/v1/") ||
  path === "/openapi.json" ||
  path === "/healthz" ||
  path === docsPath

const routesOf = <R, ER>(options: HttpAppOptions<R, ER>) => [
  healthRoute(options.health),
  ...options.features.flatMap((feature) => feature.routes),
]

/** Every failure's problem: the shell's, the features' (which may refine the built-ins), the request's (which they may not). */
const problemTableOf = <R, ER>(options: HttpAppOptions<R, ER>) => ({
  ...builtInProblems,
  ...problemsOf(options.features),
  ...requestProblems,
})

/** What the app serves at `/openapi.json`. */
export const openApiDocumentOf = <R, ER>(options: HttpAppOptions<R, ER>) =>
  buildOpenApiDocument(
    routesOf(options),
    problemTableOf(options),
    options.info ?? { title: "Portcullis", version: "0.0.0" },
  )

export const createHttpApp = <R, ER = never>(options: HttpAppOptions<R, ER>): Hono<HttpEnv> => {
  const { runtime } = options
  const runLog: RunLog = (log) => {
    runtime.runFork(log)
  }
  const problems = problemTableOf(options)
  const routes = routesOf(options)
  const document = openApiDocumentOf(options)

  const app = new Hono<HttpEnv>()
  const { portal } = options
  // The portal's JSON routes (the vault's cookie bridge) are API answers too: the API's headers
  // (`no-store` by default, nosniff, a CSP) and problem+json for a path none of them matches.
  const bridge = portal?.apiPrefix
  const isApi = (path: string) =>
    isApiPath(path) || (bridge !== undefined && (path === bridge || path.startsWith(`${bridge}/`)))
  const shownPath = pathRedaction([...routes, ...(portal?.pages ?? [])])
  app.use(headResponse())
  app.use(requestId())
  app.use(async (c, next) => {
    c.set("shownPath", shownPath(c.req.path))
    await next()
  })
  app.use(accessLog(runLog))
  // The portal's pages send their own headers (a CSP with this response's nonce).
  const secureHeaders = secureHeadersFor(docsPath)
  app.use(
    portal === undefined ? secureHeaders : (c, next) => (isApi(c.req.path) ? secureHeaders(c, next) : next()),
  )
  // Before the method check: a preflight is an OPTIONS request that no route declares.
  const cors = corsAllowList(options.corsOrigins ?? [])
  if (cors !== undefined) app.use(cors)
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) =>
        problemResponse(methodNotAllowedProblem, problemContextOf(c), {
          allow: allowed.join(", "),
        }),
    }),
  )
  const largerBodies = [...routes, ...(portal?.apiRoutes ?? [])].flatMap((route) =>
    route.bodyLimitBytes === undefined ? [] : [{ ...route, bodyLimitBytes: route.bodyLimitBytes }],
  )
  app.use(bodySizeLimit(options.bodyLimitBytes, largerBodies))

  app.get("/openapi.json", (c) => c.json(document))
  app.get(docsPath, (c) => c.html(renderDocsPage(document, { styleNonce: styleNonceOf(c) })))
  for (const route of routes) mountRoute(app, route, { runtime, problems, runLog })
  portal?.mount(app, runLog)

  app.notFound((c) =>
    portal !== undefined && !isApi(c.req.path)
      ? portal.notFound(c)
      : problemResponse({ ...routeNotFound, detail: "No route matches this path." }, problemContextOf(c)),
  )
  // Only thrown errors land here (route failures are mapped from their Exit), so anything but a
  // framework HTTPException is a bug.
  app.onError((error, c) => {
    const context = problemContextOf(c)
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse({ ...badRequest, status: error.status }, context)
    }
    logUnexpected(runLog, { ...context, method: c.req.method }, Cause.die(error))
    return internalErrorResponse(context)
  })
  return app
}
