import { Effect, Encoding } from "effect"
import { KeyedDigest } from "../../../application/platform/keyed-digest.js"
import { SecureRandom } from "../../../application/platform/secure-random.js"

// Signed double submit (OWASP): the browser holds a random value in an HttpOnly cookie, every form
// carries the server's keyed digest of it. A page elsewhere can neither read the cookie nor compute
// the digest without the server key, so it cannot forge a form; `Sec-Fetch-Site` and `Origin` are
// checked besides, where the browser sends them.

const purpose = "portal-csrf"

export const newCsrfSecret = Effect.map(
  Effect.flatMap(SecureRandom, (random) => random.bytes(32)),
  Encoding.encodeBase64Url,
)

/** The token a form of this browser carries. */
export const csrfToken = (secret: string) => Effect.flatMap(KeyedDigest, (d) => d.digest(purpose, secret))

const constantTimeEqual = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

export interface CsrfEvidence {
  readonly secret: string | undefined
  readonly token: string | undefined
  readonly fetchSite: string | undefined
  readonly origin: string | undefined
  /** The origin the request was made to, and the configured public one (a proxy may terminate TLS). */
  readonly ownOrigins: ReadonlyArray<string>
}

/** Whether a form post comes from one of our own pages in this browser. */
export const isOwnForm = (evidence: CsrfEvidence) =>
  Effect.gen(function* () {
    if (
      evidence.fetchSite !== undefined &&
      evidence.fetchSite !== "same-origin" &&
      evidence.fetchSite !== "none"
    )
      return false
    if (evidence.origin !== undefined && !evidence.ownOrigins.includes(evidence.origin)) return false
    if (evidence.secret === undefined || evidence.token === undefined) return false
    return constantTimeEqual(yield* csrfToken(evidence.secret), evidence.token)
  })
