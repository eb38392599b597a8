import type { Context } from "hono"
import type { ProblemContext } from "./problem.js"
import { redactedPath } from "./redacted-path.js"

/** Hono variables every handler can read; the request id is set by the first middleware. */
export interface HttpEnv {
  Variables: {
    requestId: string
  }
}

export const problemContextOf = (c: Context<HttpEnv>): ProblemContext => ({
  instance: redactedPath(c.req.path),
  requestId: c.get("requestId"),
})
