import { Data, Effect, Either } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { isTwoFactorOn, openChallenge, twoFactorRules } from "../../domain/two-factor/two-factor.js"
import { accountLoginBackoff, accountThrottleKey } from "../accounts/sessions.js"
import { now } from "../platform/now.js"
import { Throttle } from "../platform/throttle.js"
import type { AccountFacts } from "./account-facts.js"
import { totpAnswer } from "./login-challenge.js"
import { codeDigest, codePurposes } from "./two-factor-codes.js"
import { loadTwoFactorStream, rejectionOf, runTwoFactor } from "./two-factor-stream.js"

/** 2FA is on, and the change asked for needs a code from the app. */
export class SecondFactorRequired extends Data.TaggedError("SecondFactorRequired")<{}> {}

/**
 * A fresh code from the app, while signed in, before a change that cannot be undone (a vault reset).
 * It is a login challenge of the account's own (`IssueChallenge`, `AnswerTotp`: no events of its
 * own), kept open across attempts under a key no challenge id digests to, so wrong codes count and
 * lock as at login: on the account's login throttle, and five lock the account's logins for
 * `twoFactorRules.lockout`. A code already used (at login, say) is refused. With 2FA off, nothing
 * is asked.
 */
export const confirmSecondFactor = Effect.fn("TwoFactor.confirmSecondFactor")(function* (
  facts: AccountFacts,
  code: string | undefined,
  metadata: EventMetadata,
) {
  const { accountId } = facts
  const before = yield* loadTwoFactorStream(accountId)
  if (!isTwoFactorOn(before.state)) return
  if (code === undefined || code.trim() === "") return yield* new SecondFactorRequired()
  const throttle = yield* Throttle
  const attempt = yield* throttle.reserve(yield* accountThrottleKey(facts.loginId), accountLoginBackoff)
  const result = yield* Effect.gen(function* () {
    const at = yield* now
    const challengeKey = yield* codeDigest(codePurposes.stepUp, accountId)
    let loaded = before
    const open = openChallenge(loaded.state, challengeKey, at)
    if (Either.isLeft(open)) {
      if (open.left._tag === "ChallengeLocked") return yield* open.left
      const issued = yield* runTwoFactor(accountId, { _tag: "IssueChallenge", challengeKey, at }, metadata, {
        loaded,
      })
      loaded = { state: issued.state, version: issued.version }
    }
    const answer = yield* totpAnswer(accountId, loaded.state, challengeKey, code, at)
    return yield* runTwoFactor(accountId, answer, metadata, { loaded })
  }).pipe(Effect.tapError(() => throttle.release(attempt)))
  const refused = rejectionOf(result.events, twoFactorRules.challengeAttempts)
  if (refused !== undefined) return yield* refused
  // A right code is no failure: the login throttle is left as it was.
  yield* throttle.release(attempt)
})
