import { Effect, Encoding } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { codeDigest, codePurposes } from "./two-factor-codes.js"
import { runTwoFactor } from "./two-factor-stream.js"

/**
 * A challenge id names its account, then 256 random bits: the answer routes need no session and no
 * lookup table, and another account's id, or one with a changed account part, matches nothing,
 * since the log keeps only a keyed digest of the whole id. Only someone who passed the password
 * step ever sees one.
 */
export const challengeIdFor = (accountId: string, random: Uint8Array) =>
  `${accountId}.${Encoding.encodeBase64Url(random)}`

export const accountOfChallenge = (challengeId: string): string | undefined => {
  const dot = challengeId.indexOf(".")
  return dot > 0 ? challengeId.slice(0, dot) : undefined
}

/** After the password: the second step of a login to an account with 2FA on. */
export const issueLoginChallenge = Effect.fnUntraced(function* (accountId: string, metadata: EventMetadata) {
  const challengeId = challengeIdFor(accountId, yield* (yield* SecureRandom).bytes(32))
  const challengeKey = yield* codeDigest(codePurposes.challenge, challengeId)
  const at = yield* now
  const result = yield* runTwoFactor(accountId, { _tag: "IssueChallenge", challengeKey, at }, metadata)
  const issued = result.events.find((e) => e._tag === "TwoFactorChallengeIssued")
  return { challengeId, expiresAt: issued?.expiresAt ?? at }
})

/** A password change or reset ends the logins half done with the old password. */
export const revokeLoginChallenges = (accountId: string, metadata: EventMetadata) =>
  Effect.gen(function* () {
    yield* runTwoFactor(accountId, { _tag: "RevokeChallenges", at: yield* now }, metadata)
  })
