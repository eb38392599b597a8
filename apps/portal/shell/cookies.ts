import type { Context } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"
import type { CookieOptions } from "hono/utils/cookie"

/**
 * The portal's cookies. Behind HTTPS they carry `Secure` and the `__Host-` prefix (bound to this
 * exact host and path `/`, so a sibling subdomain cannot plant one); over plain HTTP on a
 * developer's machine they cannot, and do without.
 */
export interface PortalCookies {
  readonly session: string
  readonly csrf: string
  readonly challenge: string
  readonly rememberedLoginId: string
  readonly language: string
  readonly secure: boolean
}

export const portalCookies = (publicUrl: string): PortalCookies => {
  const secure = new URL(publicUrl).protocol === "https:"
  const name = (base: string) => (secure ? `__Host-${base}` : base)
  return {
    session: name("portcullis-session"),
    csrf: name("portcullis-csrf"),
    challenge: name("portcullis-challenge"),
    rememberedLoginId: name("portcullis-login-id"),
    language: name("portcullis-lang"),
    secure,
  }
}

/** A cookie set by `PageAnswer`: HttpOnly always, since no script of ours ever reads one. */
export interface CookieChange {
  readonly name: keyof Omit<PortalCookies, "secure">
  /** `undefined` deletes the cookie. */
  readonly value: string | undefined
  /** Seconds; left out, the cookie ends with the browser session. */
  readonly maxAge?: number
}

const optionsFor = (cookies: PortalCookies, maxAge?: number): CookieOptions => ({
  path: "/",
  httpOnly: true,
  sameSite: "Lax",
  secure: cookies.secure,
  ...(maxAge === undefined ? {} : { maxAge }),
})

export const applyCookie = (c: Context, cookies: PortalCookies, change: CookieChange): void => {
  const name = cookies[change.name]
  const options = optionsFor(cookies, change.maxAge)
  if (change.value === undefined) deleteCookie(c, name, options)
  else setCookie(c, name, change.value, options)
}

export const readCookie = (c: Context, cookies: PortalCookies, name: CookieChange["name"]) =>
  getCookie(c, cookies[name])
