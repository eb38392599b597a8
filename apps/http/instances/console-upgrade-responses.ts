import { Schema } from "effect"
import { EmailAddress } from "../../../domain/accounts/profile.js"
import { Instant } from "../shell/wire.js"

// The console's sign-in and a console user's "upgrade your account" (manual 004, STEP 3 end).

export const ConsoleUserParams = Schema.Struct({
  instanceId: Schema.String.pipe(Schema.pattern(/^[a-f0-9]{16,128}$/)),
  userName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(128)),
})

export const ConsoleSignInRequest = Schema.Struct({
  userName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(254)).annotations({
    description: "The console user name, or the e-mail address of a user who upgraded",
  }),
  password: Schema.optional(Schema.String.pipe(Schema.maxLength(1024))).annotations({
    description:
      "With an e-mail address: the password set at the upgrade. With the old user name the console checks its own credentials; none is sent here",
  }),
})

export const ConsoleSignIn = Schema.Union(
  Schema.Struct({
    outcome: Schema.Literal("upgrade-required").annotations({
      description: '"Upgrade your account": continue at `…/console-users/{userName}/upgrade`',
    }),
    userName: Schema.String,
  }),
  Schema.Struct({
    outcome: Schema.Literal("signed-in"),
    userName: Schema.String.annotations({ description: "The console user the account was upgraded from" }),
    email: Schema.String,
  }),
).annotations({ identifier: "ConsoleSignIn" })

const who = { userName: Schema.String, displayName: Schema.String }

export const ConsoleUpgradeStatus = Schema.Union(
  Schema.Struct({ status: Schema.Literal("upgrade-required"), ...who }).annotations({
    description: "No address given yet",
  }),
  Schema.Struct({
    status: Schema.Literal("code-sent"),
    ...who,
    sentTo: Schema.String.annotations({ description: "The address the code went to, masked" }),
    expiresAt: Instant.annotations({ description: "When the mailed code stops working" }),
    resendInSeconds: Schema.Int.pipe(Schema.nonNegative()).annotations({
      description: "Seconds until another code may be sent (the countdown); 0: now",
    }),
    attemptsLeft: Schema.Int.pipe(Schema.nonNegative()).annotations({
      description: "Wrong codes left before this code is locked",
    }),
  }),
  Schema.Struct({
    status: Schema.Literal("awaiting-password"),
    ...who,
    email: Schema.String.annotations({ description: "The verified address" }),
  }),
).annotations({ identifier: "ConsoleUpgradeStatus" })

export const UpgradeEmailRequest = Schema.Struct({
  email: EmailAddress.annotations({
    description: "The e-mail user account's address: the sign-in name from now on",
  }),
  emailConfirmation: Schema.String.annotations({ description: "The address again" }),
})

export const UpgradePasswordRequest = Schema.Struct({
  password: Schema.String.annotations({ description: "Checked against the password policy" }),
  passwordConfirmation: Schema.String,
})

export const ConsoleUserUpgraded = Schema.Struct({
  userName: Schema.String.annotations({ description: "The old user name: it signs in no more" }),
  email: Schema.String.annotations({ description: "The e-mail user account: sign in with it" }),
  mustUpgrade: Schema.Literal(false),
})
