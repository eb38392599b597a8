import { Args, Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { disableTwoFactor, twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"
import { findAccount } from "./licenses.js"

// Support's 2FA commands: what a customer who lost their device sees, and turning it off for them
// once support has checked who they are. The change is recorded with the operator as actor.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const account = Args.text({ name: "login-id-or-account-id" })

const status = Command.make("status", { json, account }, ({ json, account }) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const found = yield* findAccount(account)
      const shown = { loginId: found.loginId, ...(yield* twoFactorStatus(found.accountId)) }
      yield* emit(json, shown, (s) =>
        [
          `login ID:            ${s.loginId}`,
          `2FA:                 ${s.status}${s.method === null ? "" : ` (${s.method})`}`,
          `registered e-mail:   ${s.registeredEmail}`,
          `set-up in progress:  ${s.setupInProgress ? "yes" : "no"}`,
          `recovery codes left: ${s.recoveryCodesLeft}`,
          `reminder dismissed:  ${s.reminderDismissed ? "yes" : "no"}`,
        ].join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("Show an account's two-factor status (support)"))

const disable = Command.make(
  "disable",
  { json, account, reason: Options.text("reason").pipe(Options.withDescription("why, for the audit log")) },
  ({ json, account, reason }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        if (reason.trim() === "") return yield* Effect.fail(usageError("--reason must not be empty"))
        const found = yield* findAccount(account)
        const result = yield* disableTwoFactor(
          found.accountId,
          { reason: reason.trim() },
          yield* operatorMetadata,
        ).pipe(
          Effect.catchTags({
            TwoFactorNotEnabled: () =>
              Effect.fail(checkFailed(`two-factor authentication is not on for ${found.loginId}`)),
            PasswordIncorrect: () => Effect.die("support disables without a password"),
          }),
        )
        yield* emit(
          json,
          { loginId: found.loginId, ...result },
          (r) => `${r.loginId}: two-factor authentication disabled`,
        )
      }),
    ),
).pipe(Command.withDescription("Turn an account's two-factor authentication off, with a reason (support)"))

export const twoFactorCommand = Command.make("2fa").pipe(
  Command.withDescription("Two-factor authentication of customer accounts (support)"),
  Command.withSubcommands([status, disable]),
)
