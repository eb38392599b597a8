import { Effect, Exit, type ManagedRuntime, Option } from "effect"
import type { Context, Hono } from "hono"
import { AccountDirectory } from "../../../application/accounts/account-directory.js"
import { authenticate, SessionInvalid } from "../../../application/accounts/sessions.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { logUnexpected, type RunLog } from "../../http/shell/failure-response.js"
import type { HttpEnv } from "../../http/shell/http-env.js"
import { clientIp } from "../../http/shell/mount-route.js"
import type { RequestInfo } from "../../http/shell/route-types.js"
import { applyCookie, type PortalCookies, readCookie } from "./cookies.js"
import { csrfToken, isOwnForm, newCsrfSecret } from "./csrf.js"
import { errorPage } from "./error-pages.js"
import type { Chrome, Page, PageAnswer, PageContext, PortalSession } from "./page.js"
import { newNonce, portalSecurityHeaders } from "./portal-headers.js"
import { isLang, type Lang } from "./texts.js"

/** What the shell itself needs of the runtime, besides what the pages need. */
export type ShellServices =
  | Effect.Effect.Context<ReturnType<typeof sessionFrom>>
  | Effect.Effect.Context<ReturnType<typeof csrfToken>>
  | Effect.Effect.Context<typeof newCsrfSecret>

export interface PageRunner<R, ER> {
  /** Provides the pages' services and the shell's (a runtime lacking one is a compile error). */
  readonly runtime: ManagedRuntime.ManagedRuntime<R, ER> & (ShellServices extends R ? unknown : never)
  readonly runLog: RunLog
  readonly cookies: PortalCookies
  readonly publicOrigin: string
}

const formMediaType = "application/x-www-form-urlencoded"

/** Where a browser without a (live) session is sent, to come back here after signing in. */
export const signInPath = (next: string, expired: boolean) =>
  `/login?${new URLSearchParams({ next, ...(expired ? { expired: "1" } : {}) })}`

/**
 * Only a path of this site may be gone back to: never `//elsewhere`, `/\\elsewhere` or
 * `https://elsewhere`, nor a path with whitespace or control characters (a browser drops a tab or
 * a newline from a URL, so `/\t/elsewhere` would become `//elsewhere`).
 */
export const localPath = (candidate: string | undefined, fallback: string): string =>
  candidate !== undefined && /^\/(?![/\\])[^\s\p{Cc}]*$/u.test(candidate) ? candidate : fallback

const requestInfoOf = (c: Context<HttpEnv>): RequestInfo => ({
  id: c.get("requestId"),
  get ip() {
    return clientIp(c)
  },
  header: (name) => c.req.header(name),
})

const formOf = async (c: Context<HttpEnv>): Promise<Record<string, string> | undefined> => {
  if (c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase() !== formMediaType) return undefined
  const parsed = await c.req.parseBody()
  const form: Record<string, string> = {}
  for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") form[name] = value
  return form
}

const sessionFrom = (token: string | undefined, request: RequestInfo) =>
  Effect.gen(function* () {
    if (token === undefined || token === "") return Option.none<PortalSession>()
    const session = yield* authenticate(token)
    const account = yield* (yield* AccountDirectory).byId(session.accountId)
    if (Option.isNone(account)) return yield* new SessionInvalid()
    return Option.some<PortalSession>({
      sessionId: session.sessionId,
      accountId: session.accountId,
      authenticatedWith: session.authenticatedWith,
      account: account.value,
      metadata: customerMetadata(request)(session.accountId),
    })
  })

const respond = async (c: Context<HttpEnv>, answer: PageAnswer, headers: Record<string, string>) => {
  if (answer._tag === "Redirect") {
    for (const [name, value] of Object.entries(headers)) c.header(name, value)
    return c.redirect(answer.to, 303)
  }
  if (answer._tag === "File") {
    for (const [name, value] of Object.entries(headers)) c.header(name, value)
    c.header("content-type", answer.contentType)
    const bytes = typeof answer.body === "string" ? new TextEncoder().encode(answer.body) : answer.body
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200)
  }
  for (const [name, value] of Object.entries({ ...headers, ...answer.headers })) c.header(name, value)
  return c.html(`<!DOCTYPE html>${await answer.body}`, answer.status as 200)
}

/**
 * Mounts a page: language, CSP nonce and CSRF secret; on a POST the form and its CSRF token; the
 * session behind the cookie; then the handler's answer, its cookies set. A page that needs a session
 * and has none sends the browser to sign in; any failure but that is logged and shown as a 500 page.
 */
export const mountPage = <R, ER>(app: Hono<HttpEnv>, page: Page<R>, runner: PageRunner<R, ER>): void => {
  const { cookies } = runner
  const handle = (method: "get" | "post") => async (c: Context<HttpEnv>) => {
    const handler = page[method]
    if (handler === undefined) return c.notFound()
    const request = requestInfoOf(c)
    const chosen = readCookie(c, cookies, "language")
    const lang: Lang = isLang(chosen) ? chosen : "ja"
    const nonce = newNonce()
    const headers = portalSecurityHeaders(nonce)
    const url = new URL(c.req.url)
    const here = url.pathname + url.search
    const existingSecret = readCookie(c, cookies, "csrf")
    const form = method === "post" ? await formOf(c) : {}
    const sessionCookie = readCookie(c, cookies, "session")

    const program = Effect.gen(function* () {
      const secret = existingSecret ?? (yield* newCsrfSecret)
      if (existingSecret === undefined) applyCookie(c, cookies, { name: "csrf", value: secret })
      const chromeBase = { lang, nonce, csrfToken: yield* csrfToken(secret), here }
      if (method === "post") {
        const own = yield* isOwnForm({
          secret: existingSecret,
          token: form?._csrf,
          fetchSite: c.req.header("sec-fetch-site"),
          origin: c.req.header("origin"),
          ownOrigins: [url.origin, runner.publicOrigin],
        })
        if (!own || form === undefined) {
          return errorPage({ ...chromeBase, signedIn: undefined }, "formExpired", 403, here)
        }
      }
      const session = yield* sessionFrom(sessionCookie, request).pipe(
        Effect.catchTag("SessionInvalid", () => Effect.succeed(Option.none<PortalSession>())),
      )
      if (Option.isNone(session) && page.auth === "session") {
        if (sessionCookie !== undefined) applyCookie(c, cookies, { name: "session", value: undefined })
        return {
          _tag: "Redirect",
          to: signInPath(method === "get" ? here : url.pathname, sessionCookie !== undefined),
          cookies: [],
        } satisfies PageAnswer
      }
      const chrome: Chrome = {
        ...chromeBase,
        signedIn: Option.match(session, {
          onNone: () => undefined,
          onSome: (s) => ({ loginId: s.account.loginId, kind: s.account.kind }),
        }),
      }
      const context: PageContext = {
        lang,
        chrome,
        params: c.req.param(),
        query: c.req.query(),
        form: form ?? {},
        request,
        cookie: (name) => readCookie(c, cookies, name),
        session: Option.getOrUndefined(session),
      }
      return yield* handler(context).pipe(
        // The session ended while the page ran (signed out elsewhere): sign in again.
        Effect.catchTag("SessionInvalid", () =>
          Effect.succeed<PageAnswer>({
            _tag: "Redirect",
            to: signInPath(method === "get" ? here : url.pathname, true),
            cookies: [{ name: "session", value: undefined }],
          }),
        ),
      )
    })

    // The runner's type has made sure the runtime provides the shell's services too.
    const exit = await runner.runtime.runPromiseExit(program as Effect.Effect<PageAnswer, never, R>)
    if (Exit.isSuccess(exit)) {
      for (const change of exit.value.cookies) applyCookie(c, cookies, change)
      return respond(c, exit.value, headers)
    }
    logUnexpected(
      runner.runLog,
      { instance: c.get("shownPath"), requestId: request.id, method: c.req.method },
      exit.cause,
    )
    const failed = errorPage(
      { lang, nonce, csrfToken: "", here, signedIn: undefined },
      "unexpected",
      500,
      request.id,
    )
    return respond(c, failed, headers)
  }
  if (page.get !== undefined) app.get(page.path, handle("get"))
  if (page.post !== undefined) app.post(page.path, handle("post"))
}
