import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { findLicenseByKey } from "../licensing/preview-key.js"
import { type RegistrationRequest, registerAccount } from "./registration.js"
import { openSession } from "./sessions.js"

/**
 * The portal's first registration (manual 002, Step 5): the account is created and its owner is
 * signed in at once, landing on the product list. The password was just chosen and checked against
 * the policy, so the session opens without asking for it again (a new account has no second factor).
 * Answers the registered product too, for the list's "licence added" message.
 */
export const registerAndSignIn = Effect.fn("Accounts.registerAndSignIn")(function* (
  request: RegistrationRequest,
  metadataFor: (accountId: string) => EventMetadata,
  idempotencyKey?: string,
) {
  const created = yield* registerAccount(request, metadataFor, idempotencyKey)
  const { state } = yield* findLicenseByKey(request.licenseKey)
  const session = yield* openSession(created.accountId, created.loginId, "password")
  return { ...created, productId: state.key.productId, session }
})
