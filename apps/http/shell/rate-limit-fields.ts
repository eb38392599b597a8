import type { QuotaPolicy } from "../../../application/platform/throttle.js"

// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers), as structured fields (RFC 9651):
// `RateLimit-Policy` lists the policies a route applies, `RateLimit` says which one refused and when
// it lets the client through again.

// A policy's name is sent as an sf-string; ours are lower-case words so that no client has to unescape.
const policyName = (name: string): string => {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name))
    throw new Error(`rate-limit policy name ${name} is not a-z, 0-9, -`)
  return `"${name}"`
}

/** Whole seconds, at least 1: what `Retry-After` and `RateLimit`'s `t` say. */
export const retryAfter = (seconds: number): string =>
  String(Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : 1)

/** `"login-account";q=6;w=3600, "login-address";q=21;w=3600` */
export const rateLimitPolicyField = (policies: ReadonlyArray<QuotaPolicy>): string =>
  policies
    .map((policy) => `${policyName(policy.name)};q=${policy.quota};w=${policy.windowSeconds}`)
    .join(", ")

/** A refusal by the policy `name`: nothing left (`r=0`) for `seconds`, said in both fields. */
export const refusalHeaders = (name: string, seconds: number): Readonly<Record<string, string>> => {
  const wait = retryAfter(seconds)
  return { "retry-after": wait, ratelimit: `${policyName(name)};r=0;t=${wait}` }
}
