import type { MiddlewareHandler } from "hono"
import { NONCE, secureHeaders } from "hono/secure-headers"

// The API serves JSON only, so its pages may load nothing at all.
const apiHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
  xFrameOptions: "DENY",
})

// The reference page needs its one inline <style>; a per-request nonce allows that block and nothing else.
const docsHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
  xFrameOptions: "DENY",
})

/** Secure headers on every response; responses default to `no-store`, as they may hold account data. */
export const secureHeadersFor =
  (docsPath: string): MiddlewareHandler =>
  async (c, next) => {
    await (c.req.path === docsPath ? docsHeaders : apiHeaders)(c, next)
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store")
  }

/** The nonce `secureHeadersFor` allowed for inline styles on the docs page. */
export const styleNonceOf = (c: Parameters<MiddlewareHandler>[0]): string => c.get("secureHeadersNonce") ?? ""
