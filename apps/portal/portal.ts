import type { ManagedRuntime } from "effect"
import type { Context, Hono } from "hono"
import type { RunLog } from "../http/shell/failure-response.js"
import type { HttpEnv } from "../http/shell/http-env.js"
import { mountAssets } from "./shell/assets.js"
import { portalCookies, readCookie } from "./shell/cookies.js"
import { errorPage } from "./shell/error-pages.js"
import { languagePage } from "./shell/language-page.js"
import { mountPage, type PageRunner } from "./shell/mount-page.js"
import type { PortalFeature } from "./shell/portal-feature.js"
import { newNonce, portalSecurityHeaders } from "./shell/portal-headers.js"
import { isLang } from "./shell/texts.js"
import {
  mountVaultApiBridge,
  type VaultBridgeServices,
  vaultApiPrefix,
  vaultBridgeRoutes,
} from "./vault/vault-api-bridge.js"

export interface PortalOptions<R, ER> {
  /** Also the vault bridge's: a runtime lacking its services is a compile error. */
  readonly runtime: PageRunner<R, ER>["runtime"] & (VaultBridgeServices extends R ? unknown : never)
  readonly features: ReadonlyArray<PortalFeature<NoInfer<R>>>
  /** `PUBLIC_URL`: HTTPS there makes every cookie `Secure` and `__Host-`. */
  readonly publicUrl: string
}

/** The files `npm run build` puts in dist/assets that pages load. */
const assetNames = [
  "portal.js",
  "portal.css",
  "favicon.svg",
  "altcha.js",
  "altcha.css",
  "altcha-worker.js",
  "vault-settings.js",
  "vault-open.js",
  "vault-kit.js",
  "pm-data.js",
  "copy-token.js",
]

/** What the HTTP app needs of the portal: the paths (for log redaction), the mount, its 404 page. */
export interface PortalMount {
  readonly pages: ReadonlyArray<{ readonly path: string; readonly secretParams: ReadonlyArray<string> }>
  /** API routes the portal serves again under its own paths (the vault's cookie bridge), with their body limits. */
  readonly apiRoutes?: ReadonlyArray<{
    readonly method: string
    readonly path: string
    readonly bodyLimitBytes: number | undefined
  }>
  /** Where those routes live: answers under it are the API's (its headers, its problems). */
  readonly apiPrefix?: string
  readonly mount: (app: Hono<HttpEnv>, runLog: RunLog) => void
  readonly notFound: (c: Context<HttpEnv>) => Response | Promise<Response>
}

/** The customer portal in the browser, served by the same process and app as the JSON API. */
export const customerPortal = <R, ER>(options: PortalOptions<R, ER>): PortalMount => {
  const cookies = portalCookies(options.publicUrl)
  const pages = [languagePage, ...options.features.flatMap((feature) => feature.pages)]
  return {
    pages: [...pages, ...vaultBridgeRoutes],
    apiRoutes: vaultBridgeRoutes,
    apiPrefix: vaultApiPrefix,
    mount: (app, runLog) => {
      mountAssets(app, assetNames)
      const runner: PageRunner<R, ER> = {
        runtime: options.runtime,
        runLog,
        cookies,
        publicOrigin: new URL(options.publicUrl).origin,
      }
      for (const page of pages) mountPage(app, page, runner)
      // The runtime provides the bridge's services: `PortalOptions` demands them.
      mountVaultApiBridge(app, {
        ...runner,
        runtime: options.runtime as unknown as ManagedRuntime.ManagedRuntime<VaultBridgeServices, ER>,
      })
    },
    notFound: async (c) => {
      const chosen = readCookie(c, cookies, "language")
      const nonce = newNonce()
      const url = new URL(c.req.url)
      const answer = errorPage(
        {
          lang: isLang(chosen) ? chosen : "ja",
          nonce,
          csrfToken: "",
          here: url.pathname,
          signedIn: undefined,
        },
        "notFound",
        404,
        "",
      )
      const body = answer._tag === "Html" ? await answer.body : ""
      return c.html(`<!DOCTYPE html>${body}`, 404, portalSecurityHeaders(nonce))
    },
  }
}
