import { DateTime } from "effect"
import type { Entitlement } from "../../domain/entitlements/entitlement.js"
import { expiryInstant } from "../../domain/licensing/license-status.js"

// An app asks for its entitlement at every start; a burst of starts need not sign a burst of tokens.
// A signed token is handed out again while nothing it states can have changed: the account's licence
// list has the same version (any licence added, changed or suspended moves it, decision 23), it is
// young, and none of its licences has ended meanwhile.

const reuseMs = 60_000
const limit = 10_000

interface Kept {
  readonly version: string
  readonly signedAtMs: number
  /** The first instant one of its licences stops being valid. */
  readonly firstEndMs: number
  readonly answer: { readonly token: string; readonly entitlement: Entitlement }
}

const kept = new Map<string, Kept>()

interface Asked {
  readonly accountId: string
  readonly productId: string
  readonly appSessionId?: string | undefined
  /** The key that would sign it: a token of another key is not this key's answer. */
  readonly kid: string
}

const keyOf = (asked: Asked) =>
  `${asked.kid} ${asked.accountId} ${asked.productId} ${asked.appSessionId ?? ""}`

export const keptEntitlement = (asked: Asked, version: string, nowMs: number) => {
  const found = kept.get(keyOf(asked))
  return found !== undefined &&
    found.version === version &&
    nowMs - found.signedAtMs < reuseMs &&
    nowMs < found.firstEndMs
    ? found.answer
    : undefined
}

export const keepEntitlement = (
  asked: Asked,
  version: string,
  timeZone: string,
  nowMs: number,
  answer: Kept["answer"],
) => {
  if (kept.size >= limit) kept.clear()
  const firstEndMs = Math.min(
    ...answer.entitlement.licenses.map((l) => DateTime.toEpochMillis(expiryInstant(l.expiresOn, timeZone))),
  )
  kept.set(keyOf(asked), {
    version,
    signedAtMs: nowMs,
    firstEndMs,
    answer,
  })
}
