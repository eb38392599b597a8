import type { Context, MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { type HttpEnv, problemContextOf } from "../http-env.js"
import { problemResponse } from "../problem.js"
import { payloadTooLarge, requestProblems } from "../request-errors.js"

export const defaultBodyLimitBytes = 64 * 1024

export const bodySizeLimit = (maxBytes: number = defaultBodyLimitBytes): MiddlewareHandler<HttpEnv> => {
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
