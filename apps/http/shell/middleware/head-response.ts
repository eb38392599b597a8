import type { MiddlewareHandler } from "hono"

/**
 * HEAD answers as GET does, without the body (RFC 9110 §9.3.2). Hono runs the GET route and then
 * builds the HEAD answer from its response; under @hono/node-server that copy keeps only the headers
 * the response was created with, dropping those the middlewares set after (request id, security
 * headers, cache control). Mounted first, this hands Hono a response whose headers are all its own.
 */
export const headResponse = (): MiddlewareHandler => async (c, next) => {
  await next()
  if (c.req.method === "HEAD") {
    const { status, headers } = c.res
    c.res = undefined
    c.res = new Response(null, { status, headers: new Headers(headers) })
  }
}
