import type { Page } from "./page.js"

/** A feature's pages in the browser portal: the second driver of the same use cases as its JSON routes. */
export interface PortalFeature<R> {
  readonly name: string
  readonly pages: ReadonlyArray<Page<R>>
}

export const definePortalFeature = <R>(feature: PortalFeature<R>): PortalFeature<R> => feature
