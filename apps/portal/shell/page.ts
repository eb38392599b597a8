import type { Effect } from "effect"
import type { AccountSummary } from "../../../application/accounts/account-directory.js"
import type { AuthenticatedWith } from "../../../application/accounts/session-store.js"
import type { SessionInvalid } from "../../../application/accounts/sessions.js"
import type { AccountKind } from "../../../domain/accounts/account.js"
import type { EventMetadata } from "../../../domain/kernel/index.js"
import type { RequestInfo } from "../../http/shell/route-types.js"
import type { CookieChange } from "./cookies.js"
import type { Lang } from "./texts.js"

/** Whether a page needs a signed-in browser. Without a session, such a page sends the browser to sign in. */
export type PageAuth = "none" | "session"

/** The signed-in account behind the session cookie. */
export interface PortalSession {
  readonly sessionId: string
  readonly accountId: string
  readonly authenticatedWith: AuthenticatedWith
  readonly account: AccountSummary
  /** Who changes what this request changes: the customer, with the request id. */
  readonly metadata: EventMetadata
}

/** What the frame of every page needs to know (see `layout.tsx`). */
export interface Chrome {
  readonly lang: Lang
  /** The CSP nonce of this response: the only scripts and styles that run carry it. */
  readonly nonce: string
  /** Every form posts it back (`csrf.ts`). */
  readonly csrfToken: string
  /** This page's path and query, for the language switch to come back to. */
  readonly here: string
  readonly signedIn: { readonly loginId: string; readonly kind: AccountKind } | undefined
}

export interface PageContext<A extends PageAuth = PageAuth> {
  readonly lang: Lang
  readonly chrome: Chrome
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  /** A POST's fields (urlencoded; the last value of a repeated name); empty on GET. */
  readonly form: Readonly<Record<string, string>>
  readonly request: RequestInfo
  readonly cookie: (name: CookieChange["name"]) => string | undefined
  readonly session: A extends "session" ? PortalSession : PortalSession | undefined
}

/** A rendered page, a redirect after a successful post (Post/Redirect/Get), or a file a page shows. */
export type PageAnswer =
  | {
      readonly _tag: "Html"
      readonly status: number
      readonly body: string | Promise<string>
      readonly cookies: ReadonlyArray<CookieChange>
      readonly headers: Readonly<Record<string, string>>
    }
  | { readonly _tag: "Redirect"; readonly to: string; readonly cookies: ReadonlyArray<CookieChange> }
  | {
      readonly _tag: "File"
      readonly contentType: string
      readonly body: string | Uint8Array
      readonly cookies: ReadonlyArray<CookieChange>
    }

interface AnswerOptions {
  readonly cookies?: ReadonlyArray<CookieChange>
}

/** JSX renders to an `HtmlEscapedString` (a string) or a promise of one. */
export const html = (
  body: unknown,
  options: AnswerOptions & {
    readonly status?: number
    readonly headers?: Readonly<Record<string, string>>
  } = {},
): PageAnswer => ({
  _tag: "Html",
  status: options.status ?? 200,
  body: body as string | Promise<string>,
  cookies: options.cookies ?? [],
  headers: options.headers ?? {},
})

/** Not a page: an image a page shows (the 2FA set-up's QR code), kept by no cache like every answer. */
export const file = (body: string | Uint8Array, contentType: string): PageAnswer => ({
  _tag: "File",
  contentType,
  body,
  cookies: [],
})

export const redirect = (to: string, options: AnswerOptions = {}): PageAnswer => ({
  _tag: "Redirect",
  to,
  cookies: options.cookies ?? [],
})

/**
 * A page handler: its expected failures are its own to turn into a page (a form shown again with
 * its errors, a message); an ended session is the one failure the shell answers (by sending the
 * browser to sign in). Any other failure is a compile error, and a defect a logged 500 page.
 */
export type PageHandler<A extends PageAuth, R> = (
  context: PageContext<A>,
) => Effect.Effect<PageAnswer, SessionInvalid, R>

export interface Page<R> {
  readonly path: string
  readonly auth: PageAuth
  /** Path parameters that are secrets (a reset token): logs show their name instead. */
  readonly secretParams: ReadonlyArray<string>
  readonly get?: PageHandler<PageAuth, R>
  readonly post?: PageHandler<PageAuth, R>
}

export const definePage = <A extends PageAuth, R = never>(page: {
  readonly path: string
  readonly auth: A
  readonly secretParams?: ReadonlyArray<string>
  readonly get?: PageHandler<A, R>
  readonly post?: PageHandler<A, R>
}): Page<R> => ({ secretParams: [], ...page }) as Page<R>
