import { randomUUID } from "node:crypto"
import type { MiddlewareHandler } from "hono"
import type { HttpEnv } from "../http-env.js"

// A caller's id is kept so one id follows a request across services, but only if it cannot smuggle
// anything into a log line or a header.
const saneRequestId = /^[A-Za-z0-9._-]{1,128}$/

export const requestId = (): MiddlewareHandler<HttpEnv> => async (c, next) => {
  const incoming = c.req.header("x-request-id")
  const id = incoming !== undefined && saneRequestId.test(incoming) ? incoming : randomUUID()
  c.set("requestId", id)
  await next()
  c.res.headers.set("x-request-id", id)
}
