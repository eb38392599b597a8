import { getConnInfo } from "@hono/node-server/conninfo"
import { Exit, type ManagedRuntime } from "effect"
import type { Context, Hono } from "hono"
import { type RunLog, responseForFailure } from "./failure-response.js"
import { type HttpEnv, problemContextOf } from "./http-env.js"
import type { ProblemTable } from "./problem.js"
import { rateLimitPolicyField } from "./rate-limit-fields.js"
import type { Route } from "./route.js"
import type { EncodedResponse, RawRequest } from "./route-types.js"

export interface RouteRunner<R, ER> {
  readonly runtime: ManagedRuntime.ManagedRuntime<R, ER>
  readonly problems: ProblemTable
  readonly runLog: RunLog
}

// No socket behind `app.request()` in tests; the address is informational, so its absence is fine.
export const clientIp = (c: Context<HttpEnv>): string | undefined => {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

/** Where else a route answers, and how its bearer token is found there (the portal's cookie). */
export interface MountedAt {
  readonly path: string
  /** The `authorization` the route sees; undefined answers as a request without one. */
  readonly authorization: (c: Context<HttpEnv>) => string | undefined
}

// Read when asked: most requests declare no parameters to decode, and only throttled ones need the
// address, so a plain authenticated read parses neither.
const rawRequest = (c: Context<HttpEnv>, authorization?: MountedAt["authorization"]): RawRequest => ({
  get params() {
    return c.req.param()
  },
  get query() {
    return c.req.query()
  },
  get contentType() {
    return c.req.header("content-type")
  },
  readText: () => c.req.text(),
  info: {
    id: c.get("requestId"),
    get ip() {
      return clientIp(c)
    },
    header:
      authorization === undefined
        ? (name) => c.req.header(name)
        : (name) => (name.toLowerCase() === "authorization" ? authorization(c) : c.req.header(name)),
  },
})

const statusesWithoutBody = new Set([204, 205, 304])

const toResponse = ({ status, body, encoded, headers }: EncodedResponse): Response =>
  (body === undefined && encoded === undefined) || statusesWithoutBody.has(status)
    ? new Response(null, { status, headers })
    : new Response(encoded ?? JSON.stringify(body), {
        status,
        headers:
          encoded === undefined
            ? { ...headers, "content-type": "application/json" }
            : { "content-type": "application/json", ...headers },
      })

export const mountRoute = <R, ER>(
  app: Hono<HttpEnv>,
  route: Route<unknown, R>,
  runner: RouteRunner<R, ER>,
): void => mountRouteAt(app, route, runner)

/**
 * The route at `at.path` with the bearer token `at.authorization` finds, or where it is declared
 * with the request's own `authorization`. The route, its decoding and its problems are the same.
 */
export const mountRouteAt = <R, ER>(
  app: Hono<HttpEnv>,
  route: Route<unknown, R>,
  runner: RouteRunner<R, ER>,
  at?: MountedAt,
): void => {
  // A throttled route says how on every answer, refusals included, so a client learns the policy
  // before it is refused; the refusal itself says which policy refused (`RateLimit`).
  const policies = route.rateLimits.length === 0 ? undefined : rateLimitPolicyField(route.rateLimits)
  const answer = async (c: Context<HttpEnv>): Promise<Response> => {
    const exit = await runner.runtime.runPromiseExit(route.handle(rawRequest(c, at?.authorization)))
    if (Exit.isSuccess(exit)) return toResponse(exit.value)
    const context = { ...problemContextOf(c), method: c.req.method }
    return responseForFailure(exit.cause, runner.problems, context, runner.runLog)
  }
  app.on(route.method, at?.path ?? route.path, async (c) => {
    const response = await answer(c)
    if (policies !== undefined) response.headers.set("ratelimit-policy", policies)
    return response
  })
}
