import { Effect } from "effect"
import type { ExpiryDateInvalid } from "../../../application/licensing/license-admin.js"
import type { ProductKeyUnknown } from "../../../application/licensing/preview-key.js"
import type { IdempotencyKeyReused, StreamVersionConflict } from "../../../domain/kernel/index.js"
import type { LicenseError } from "../../../domain/licensing/license.js"
import type { ProductKeyMalformed } from "../../../domain/licensing/product-key.js"
import { type CliFailure, checkFailed, usageError } from "../cli-failure.js"

// What the licence commands can be refused with, and how each refusal reads on the terminal.

type Refusal =
  | LicenseError
  | ProductKeyMalformed
  | ProductKeyUnknown
  | ExpiryDateInvalid
  | StreamVersionConflict
  | IdempotencyKeyReused

const refusalTags: ReadonlySet<string> = new Set<Refusal["_tag"]>([
  "LicenseKeyUnknown",
  "LicenseKeyAlreadyIssued",
  "LicenseAlreadyRegistered",
  "LicenseKeyExpired",
  "LicenseNotRegistered",
  "ProductKeyMalformed",
  "ProductKeyUnknown",
  "ExpiryDateInvalid",
  "StreamVersionConflict",
  "IdempotencyKeyReused",
])

const isRefusal = (error: unknown): error is Refusal =>
  typeof error === "object" && error !== null && refusalTags.has((error as { _tag?: string })._tag ?? "")

/** A refusal as one line and an exit code: 2 for a bad date, 1 for the rest. Never a stack trace. */
const cliFailureOf = (error: Refusal): CliFailure => {
  switch (error._tag) {
    case "ProductKeyMalformed":
      return checkFailed(`not a product key or licence id: ${error.message}`)
    case "ProductKeyUnknown":
    case "LicenseKeyUnknown":
      return checkFailed("no licence has this key or id")
    case "LicenseNotRegistered":
      return checkFailed(
        "the licence is not registered to an account: only a registered licence can be suspended, reinstated or have its cancellation recorded",
      )
    case "LicenseAlreadyRegistered":
      return checkFailed("the licence is registered to another account")
    case "LicenseKeyExpired":
      return checkFailed(`the key expired on ${error.expiresOn}`)
    case "LicenseKeyAlreadyIssued":
      return checkFailed("the key was already issued")
    case "ExpiryDateInvalid":
      return usageError("--expires must be a date, YYYY-MM-DD")
    case "StreamVersionConflict":
      return checkFailed("the licence was changed by someone else meanwhile: try again")
    case "IdempotencyKeyReused":
      return checkFailed(error.message)
  }
}

/** The licence commands' refusals as one line and an exit code; anything else stays a defect. */
export const refusalsAsFailures = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.catchIf(effect, isRefusal, (error) => Effect.fail(cliFailureOf(error)))
