/**
 * Some paths carry a bearer secret: a password-reset token, a login challenge id (which proves the
 * password was given). Logs and problem bodies show such paths with the secret replaced.
 */
const secretSegments: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(\/v1\/sessions\/challenges\/)[^/]+/, "$1:id"],
  [/^(\/v1\/password-resets\/)[^/]+/, "$1:token"],
]

export const redactedPath = (path: string): string => {
  for (const [pattern, replacement] of secretSegments) {
    if (pattern.test(path)) return path.replace(pattern, replacement)
  }
  return path
}
