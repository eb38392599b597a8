import type { BuiltInTag, ProblemMapping, ProblemTable } from "./problem.js"
import type { Route } from "./route.js"

type TagOf<E> = E extends { readonly _tag: infer T extends string } ? T : never
type ErrorOf<Routes> = Routes extends Route<infer E, unknown> ? E : never
type ServicesOf<Routes> = Routes extends Route<unknown, infer R> ? R : never

/**
 * A mapping for every tag the routes can fail with (the built-ins may be refined, and need not be),
 * each typed by its error, so that a failure nobody maps is a compile error rather than a 500.
 */
export type ProblemsFor<E> = {
  readonly [T in Exclude<TagOf<E>, BuiltInTag>]: ProblemMapping<Extract<E, { readonly _tag: T }>>
} & { readonly [T in BuiltInTag]?: ProblemMapping<Extract<E, { readonly _tag: T }>> }

/** A feature of the HTTP app: its routes and how their failures look on the wire. */
export interface Feature<R> {
  readonly name: string
  readonly routes: ReadonlyArray<Route<unknown, R>>
  readonly problems: ProblemTable
}

export const defineFeature = <const Routes extends ReadonlyArray<Route<unknown, unknown>>>(feature: {
  readonly name: string
  readonly routes: Routes
  readonly problems: ProblemsFor<ErrorOf<Routes[number]>>
}): Feature<ServicesOf<Routes[number]>> =>
  // Each route needs at most the services of the union, which is what the feature promises.
  feature as Feature<ServicesOf<Routes[number]>>

/**
 * The problems of every feature in one table. Two features may share a mapping (the sessions
 * feature's `SessionInvalid`), but not map one tag two ways.
 */
export const problemsOf = <R>(features: ReadonlyArray<Feature<R>>): ProblemTable => {
  const table: Record<string, ProblemMapping<never>> = {}
  for (const feature of features) {
    for (const [tag, mapping] of Object.entries(feature.problems)) {
      const known = table[tag]
      if (known !== undefined && known !== mapping) {
        throw new Error(`HTTP features map ${tag} two ways (the second in ${feature.name})`)
      }
      table[tag] = mapping
    }
  }
  return table
}
