import { Effect } from "effect"
import { passwordProblems } from "../../domain/accounts/password-policy.js"
import { AccountSettings } from "./account-settings.js"
import { InvalidFields } from "./invalid-fields.js"

/** The configured policy plus the confirmation; every problem of both fields at once. */
export const checkNewPassword = (input: {
  readonly loginId: string
  readonly password: string
  readonly confirmation: string
  readonly field: string
  readonly confirmationField: string
}) =>
  Effect.gen(function* () {
    const settings = yield* AccountSettings
    const problems = passwordProblems(input.password, {
      policy: settings.passwordPolicy,
      loginId: input.loginId,
      isCommon: settings.isCommonPassword,
    })
    const errors = problems.map((reason) => ({ field: input.field, reason }))
    if (input.password !== input.confirmation) {
      errors.push({ field: input.confirmationField, reason: "does not match the password" })
    }
    if (errors.length > 0) return yield* new InvalidFields({ errors })
  })
