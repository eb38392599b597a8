import type { Context, MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { type HttpEnv, problemContextOf } from "../http-env.js"
import { problemResponse } from "../problem.js"
import { routePattern } from "../redacted-path.js"
import { payloadTooLarge, requestProblems } from "../request-errors.js"

export const defaultBodyLimitBytes = 64 * 1024

/** A route that takes larger bodies than the app's limit (a key rotation with every item). */
export interface LargerBody {
  readonly method: string
  readonly path: string
  readonly bodyLimitBytes: number
}

/**
 * Bodies up to `maxBytes`, and up to their own limit on the `larger` routes. One middleware for all,
 * before any route: a body is counted once, by the limit of the route it is sent to.
 */
export const bodySizeLimit = (
  maxBytes: number = defaultBodyLimitBytes,
  larger: ReadonlyArray<LargerBody> = [],
): MiddlewareHandler<HttpEnv> => {
  const standard = limitOf(maxBytes)
  const own = larger.map((route) => ({
    method: route.method,
    pattern: routePattern(route.path),
    limit: limitOf(route.bodyLimitBytes),
  }))
  return (c, next) => {
    const route = own.find((r) => r.method === c.req.method && r.pattern.test(c.req.path))
    return (route?.limit ?? standard)(c, next)
  }
}

const limitOf = (maxBytes: number): MiddlewareHandler<HttpEnv> => {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c: Context<HttpEnv>) =>
      problemResponse(
        {
          ...payloadTooLarge,
          detail: `The request body must not exceed ${maxBytes} bytes.`,
        },
        problemContextOf(c),
      ),
  })
  // A chunked body is read here, before any route: if it breaks off (bad framing, the client gone),
  // that is the client's doing, not a bug to log as one. What the route throws is not caught here.
  return async (c, next) => {
    let reachedRoute = false
    try {
      return await limit(c, () => {
        reachedRoute = true
        return next()
      })
    } catch (error) {
      if (reachedRoute) throw error
      const { RequestBodyUnreadable: unreadable } = requestProblems
      return problemResponse({ ...unreadable, detail: unreadable.detail() }, problemContextOf(c))
    }
  }
}
