import type { RouteShape } from "./route-types.js"

const escaped = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")

const isParam = (segment: string, name?: string) =>
  name === undefined ? segment.startsWith(":") : segment === `:${name}` || segment.startsWith(`:${name}{`)

/** What an unknown segment of a path that matches no route is shown as. */
export const unknownSegment = ":segment"

type Routes = ReadonlyArray<Pick<RouteShape, "path" | "secretParams">>

/** The paths a route answers, as the router matches them: one segment per parameter. */
export const routePattern = (path: string) =>
  new RegExp(
    `^${path
      .split("/")
      .map((segment) => (isParam(segment) ? "[^/]+" : escaped(segment)))
      .join("/")}$`,
  )

// For each secret parameter, the paths at and under it, with the secret replaced by its name.
const secretRules = (routes: Routes) => {
  const rules = new Map<string, readonly [RegExp, string]>()
  for (const route of routes) {
    const segments = route.path.split("/")
    for (const name of route.secretParams) {
      const at = segments.findIndex((segment) => isParam(segment, name))
      if (at === -1) throw new Error(`${route.path} has no parameter ${name} to keep secret`)
      const prefix = segments
        .slice(0, at)
        .map((segment) => (isParam(segment) ? "[^/]+" : escaped(segment)))
        .join("/")
      const pattern = new RegExp(`^(${prefix}/)[^/]+`)
      rules.set(pattern.source, [pattern, `$1:${name}`])
    }
  }
  return [...rules.values()]
}

/**
 * Some paths carry a bearer secret: a password-reset token, a login challenge id (which proves the
 * password was given), a product key. Their routes name such parameters (`secretParams`); logs and
 * problem bodies show such a path with the secret replaced by the parameter's name. A path that
 * matches no route (a doubled slash from a proxy, a typo, a probe) is shown by its shape only: the
 * segments that are words of the routes' paths, and every other one replaced, as any of them may be
 * a secret sent to the wrong place.
 */
export const pathRedaction = (routes: Routes) => {
  const rules = secretRules(routes)
  const patterns = routes.map((route) => routePattern(route.path))
  const words = new Set(routes.flatMap((route) => route.path.split("/").filter((s) => !isParam(s))))
  // Every rule in turn: a path may carry two secrets (an instance and one of its console users).
  const withSecretsNamed = (path: string) =>
    rules.reduce((named, [pattern, replacement]) => named.replace(pattern, replacement), path)
  return (path: string): string => {
    const named = withSecretsNamed(path)
    if (patterns.some((pattern) => pattern.test(path))) return named
    const raw = path.split("/")
    const shown = named.split("/")
    return raw
      .map((segment, i) => (words.has(segment) ? segment : shown[i] !== segment ? shown[i] : unknownSegment))
      .join("/")
  }
}
