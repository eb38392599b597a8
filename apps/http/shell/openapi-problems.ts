import { type ProblemTable, problemTypeUri } from "./problem.js"
import {
  badRequest,
  headersTooLarge,
  internalError,
  malformedRequest,
  methodNotAllowedProblem,
  payloadTooLarge,
  requestProblems,
  requestTimeout,
  routeNotFound,
} from "./request-errors.js"
import type { RouteShape } from "./route-types.js"

// Which problems an operation can answer, from what it can fail with: the shell's refusals of the
// request and the problems its features map the route's failure tags to.

/** A kind of problem as the document lists it. */
export interface ProblemKind {
  readonly status: number
  readonly slug: string
  readonly title: string
}

/** The shell's refusals that apply to a route, by what it reads. */
const requestProblemsOf = (route: RouteShape): ReadonlyArray<ProblemKind> => [
  ...(route.body === undefined
    ? []
    : [requestProblems.MalformedJson, requestProblems.RequestBodyUnreadable, requestProblems.JsonTooDeep]),
  ...(route.auth !== "none" ? [requestProblems.MissingBearerToken] : []),
  ...(route.body === undefined ? [] : [payloadTooLarge, requestProblems.UnsupportedMediaType]),
  ...((route.params ?? route.query ?? route.body) ? [requestProblems.RequestValidationFailed] : []),
  internalError,
]

/**
 * Every problem the route can answer, by status. A failure tag no table maps is answered as a 500
 * (and logged), which is listed anyway.
 */
export const problemsOfRoute = (
  route: RouteShape,
  table: ProblemTable,
): ReadonlyMap<number, ReadonlyArray<ProblemKind>> => {
  const mapped = route.failures.flatMap((tag) => {
    const mapping = table[tag]
    return mapping === undefined ? [] : [mapping]
  })
  const byStatus = new Map<number, Array<ProblemKind>>()
  for (const kind of [...requestProblemsOf(route), ...mapped]) {
    const kinds = byStatus.get(kind.status) ?? []
    if (!kinds.some((known) => known.slug === kind.slug)) kinds.push(kind)
    byStatus.set(kind.status, kinds)
  }
  return new Map(
    [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, kinds]) => [status, kinds.sort((a, b) => a.slug.localeCompare(b.slug))]),
  )
}

/** A kind of problem with its `type` URI, as the document's table of problem types lists it. */
export interface ProblemType extends ProblemKind {
  readonly type: string
}

/**
 * Every kind of problem the app answers, once each by type: the one table of problem types (the
 * document's `x-problem-types`, rendered by `/docs` and checked against docs/api.md by a test).
 * A type answered with two statuses (a built-in the features refine) is listed with each.
 */
export const problemCatalogue = (
  routes: ReadonlyArray<RouteShape>,
  table: ProblemTable,
): ReadonlyArray<ProblemType> => {
  const byType = new Map<string, ProblemType>()
  // Node's parser refuses some requests before any route is found (payload-too-large is a route's anyway).
  const outsideRoutes: ReadonlyArray<ProblemKind> = [
    routeNotFound,
    methodNotAllowedProblem,
    badRequest,
    malformedRequest,
    requestTimeout,
    headersTooLarge,
  ]
  const kindsOfRoutes = routes.flatMap((route) => [...problemsOfRoute(route, table).values()].flat())
  for (const kind of [...outsideRoutes, ...kindsOfRoutes]) {
    const type = problemTypeUri(kind.slug)
    const key = `${kind.status} ${type}`
    if (!byType.has(key)) byType.set(key, { status: kind.status, slug: kind.slug, title: kind.title, type })
  }
  return [...byType.values()].sort((a, b) => a.status - b.status || a.slug.localeCompare(b.slug))
}
