import type { Context } from "hono"
import type { ProblemContext } from "./problem.js"

/** Hono variables every handler can read; the request id is set by the first middleware. */
export interface HttpEnv {
  Variables: {
    requestId: string
    /** The path as logs and problem bodies show it: secrets in it replaced. */
    shownPath: string
  }
}

export const problemContextOf = (c: Context<HttpEnv>): ProblemContext => ({
  instance: c.get("shownPath"),
  requestId: c.get("requestId"),
})
