import { Effect } from "effect"
import type { MiddlewareHandler } from "hono"
import type { RunLog } from "../failure-response.js"
import type { HttpEnv } from "../http-env.js"

/**
 * One line per request through the runtime's logger, so LOG_FORMAT applies. The path only (with any
 * secret in it replaced): query strings, headers and bodies may carry tokens.
 */
export const accessLog =
  (runLog: RunLog): MiddlewareHandler<HttpEnv> =>
  async (c, next) => {
    const started = performance.now()
    await next()
    runLog(
      Effect.logInfo("http request").pipe(
        Effect.annotateLogs({
          requestId: c.get("requestId"),
          method: c.req.method,
          path: c.get("shownPath"),
          status: c.res.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        }),
      ),
    )
  }
