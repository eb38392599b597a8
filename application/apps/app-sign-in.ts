import { Effect, Option } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { checkCredentials } from "../accounts/sessions.js"
import { ProductNotFound } from "../catalog/catalog-product.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { ProductLifecycles } from "../catalog/product-lifecycles.js"
import { answerChallengeWith, type ChallengeAnswer } from "../two-factor/login-challenge.js"
import { openAppSession } from "./app-sessions.js"

/** The product and the device an app signs in for; the device name is what the account's list shows. */
export interface AppSignInTarget {
  readonly productId: string
  readonly deviceName: string
}

// Asked before the password is checked: an ended product or a made-up one costs no password hash and
// spends none of the account's tries.
const requireAppSignIn = (productId: string) =>
  Effect.gen(function* () {
    if (Option.isNone(yield* (yield* ProductLifecycles).view(productId))) {
      return yield* new ProductNotFound({ productId })
    }
    yield* requireCapability(productId, "app.sign-in")
  })

const opener =
  (target: AppSignInTarget, metadataFor: (accountId: string) => EventMetadata) => (accountId: string) =>
    openAppSession({ accountId, ...target }, metadataFor(accountId))

/**
 * An app's sign-in: the same password step, throttles and 2FA challenge as the portal's login, but a
 * complete login opens an app session for one product and device instead of a portal session.
 */
export const signInApp = Effect.fn("Apps.signIn")(function* (
  input: Parameters<typeof checkCredentials>[0] & AppSignInTarget,
) {
  yield* requireAppSignIn(input.productId)
  return yield* checkCredentials(input, opener(input, input.metadataFor))
})

/** The second step of an app's sign-in with 2FA on; the app names its product and device again. */
export const answerAppChallenge = Effect.fn("Apps.answerChallenge")(function* (
  challengeId: string,
  answer: ChallengeAnswer,
  target: AppSignInTarget,
  metadataFor: (accountId: string) => EventMetadata,
) {
  yield* requireAppSignIn(target.productId)
  return yield* answerChallengeWith(challengeId, answer, metadataFor, opener(target, metadataFor))
})
