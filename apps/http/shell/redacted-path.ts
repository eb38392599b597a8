import type { RouteShape } from "./route-types.js"

const escaped = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")

const isParam = (segment: string, name?: string) =>
  name === undefined ? segment.startsWith(":") : segment === `:${name}` || segment.startsWith(`:${name}{`)

/**
 * Some paths carry a bearer secret: a password-reset token, a login challenge id (which proves the
 * password was given). Their routes name such parameters (`secretParams`); logs and problem bodies
 * show such a path, and any path under it, with the secret replaced by the parameter's name.
 */
export const pathRedaction = (routes: ReadonlyArray<Pick<RouteShape, "path" | "secretParams">>) => {
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
  const list = [...rules.values()]
  return (path: string): string => {
    for (const [pattern, replacement] of list) {
      if (pattern.test(path)) return path.replace(pattern, replacement)
    }
    return path
  }
}
