import type { Page } from "./page.js"

/** A feature's pages in the browser portal: the second driver of the same use cases as its JSON routes. */
export interface PortalFeature<R> {
  readonly name: string
  readonly pages: ReadonlyArray<Page<R>>
}

/** The services a page's handlers need. */
type PageServices<P> = P extends Page<infer R> ? R : never

/** A feature needs what any of its pages needs (pages needing different services may sit together). */
export const definePortalFeature = <P extends Page<unknown>>(feature: {
  readonly name: string
  readonly pages: ReadonlyArray<P>
}): PortalFeature<PageServices<P>> => feature as PortalFeature<PageServices<P>>
