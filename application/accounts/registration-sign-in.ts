import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { findLicenseByKey } from "../licensing/preview-key.js"
import { type PersonalRegistrationRequest, registerPersonalAccount } from "./personal-registration.js"
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
  return yield* signedInAfter(
    yield* registerAccount(request, metadataFor, idempotencyKey),
    request.licenseKey,
  )
})

/** The same for a consumer product's key: a personal account, signed in with its address. */
export const registerPersonalAndSignIn = Effect.fn("Accounts.registerPersonalAndSignIn")(function* (
  request: PersonalRegistrationRequest,
  metadataFor: (accountId: string) => EventMetadata,
  idempotencyKey?: string,
) {
  const created = yield* registerPersonalAccount(request, metadataFor, idempotencyKey)
  return yield* signedInAfter(created, request.licenseKey)
})

const signedInAfter = (
  created: { readonly accountId: string; readonly loginId: string },
  licenseKey: string,
) =>
  Effect.gen(function* () {
    const { state } = yield* findLicenseByKey(licenseKey)
    const session = yield* openSession(created.accountId, created.loginId, "password")
    return { ...created, productId: state.key.productId, session }
  })
