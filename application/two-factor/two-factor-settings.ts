import { Effect } from "effect"
import { holderAddress } from "../../domain/accounts/contact-addresses.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import {
  isReminderDismissed,
  isSetUpInProgress,
  isTwoFactorOn,
  recoveryCodesLeft,
} from "../../domain/two-factor/two-factor.js"
import { maskEmailForTwoFactor } from "../notifications/two-factor-emails.js"
import { now } from "../platform/now.js"
import { accountFacts, noticeMail } from "./account-facts.js"
import { eraseStaleSecrets } from "./device-secrets.js"
import { checkPassword } from "./re-authentication.js"
import { newRecoveryCodes } from "./two-factor-codes.js"
import { loadTwoFactor, runTwoFactor } from "./two-factor-stream.js"

// The status page and what changes there: turning 2FA off, new recovery codes, skipping the reminder.

export interface TwoFactorStatus {
  readonly status: "enabled" | "disabled"
  readonly method: "authenticator-app" | null
  readonly registeredEmail: string
  readonly setupInProgress: boolean
  readonly recoveryCodesLeft: number
  readonly reminderDismissed: boolean
}

export const twoFactorStatus = Effect.fn("TwoFactor.status")(function* (accountId: string) {
  const facts = yield* accountFacts(accountId)
  const state = yield* loadTwoFactor(accountId)
  const on = isTwoFactorOn(state)
  return {
    status: on ? "enabled" : "disabled",
    method: on ? "authenticator-app" : null,
    registeredEmail: maskEmailForTwoFactor(holderAddress(facts)),
    setupInProgress: isSetUpInProgress(state),
    recoveryCodesLeft: recoveryCodesLeft(state),
    reminderDismissed: isReminderDismissed(state),
  } satisfies TwoFactorStatus
})

/** Turns 2FA off: by the customer (password again) or by support (reason); every secret is erased. */
export const disableTwoFactor = Effect.fn("TwoFactor.disable")(function* (
  accountId: string,
  by: { readonly password: string } | { readonly reason: string },
  metadata: EventMetadata,
) {
  const facts = yield* accountFacts(accountId)
  if ("password" in by) yield* checkPassword(facts, by.password)
  const at = yield* now
  const notice = yield* noticeMail(facts, "password" in by ? "disabled" : "disabledBySupport", at)
  const result = yield* runTwoFactor(
    accountId,
    { _tag: "Disable", by: metadata.actor, ...("reason" in by ? { reason: by.reason } : {}), at },
    metadata,
    { outbox: [notice] },
    // Already off: finish an erasure a crash may have cut short.
  ).pipe(
    Effect.tapError(() =>
      Effect.flatMap(loadTwoFactor(accountId), (state) => eraseStaleSecrets(accountId, state, metadata)),
    ),
  )
  yield* eraseStaleSecrets(accountId, result.state, metadata)
  return { status: "disabled" as const }
})

/** A new set of ten recovery codes (the old ones stop working); the password again first. */
export const regenerateRecoveryCodes = Effect.fn("TwoFactor.regenerateRecoveryCodes")(function* (
  accountId: string,
  password: string,
  metadata: EventMetadata,
) {
  yield* checkPassword(yield* accountFacts(accountId), password)
  const recovery = yield* newRecoveryCodes
  yield* runTwoFactor(
    accountId,
    { _tag: "IssueRecoveryCodes", recoveryCodeDigests: recovery.digests, at: yield* now },
    metadata,
  )
  return { recoveryCodes: recovery.codes }
})

/** "Skip, I understand the risk": the login answer stops recommending 2FA. */
export const dismissReminder = Effect.fn("TwoFactor.dismissReminder")(function* (
  accountId: string,
  metadata: EventMetadata,
) {
  yield* runTwoFactor(accountId, { _tag: "DismissReminder", at: yield* now }, metadata)
})
