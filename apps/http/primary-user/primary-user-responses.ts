import { Schema } from "effect"
import { Instant } from "../shell/wire.js"

const originalAccount = Schema.String.annotations({
  description: 'The login ID the primary user account replaces (the manual\'s "Original account")',
})

const NoPrimaryUser = Schema.Struct({
  status: Schema.Literal("none"),
  originalAccount,
}).annotations({ identifier: "PrimaryUserNone", description: "No address assigned yet" })

const CodeSent = Schema.Struct({
  status: Schema.Literal("code-sent"),
  originalAccount,
  sentTo: Schema.String.annotations({
    description: "The address the code went to, masked (aaa*****@***.com)",
  }),
  expiresAt: Instant.annotations({ description: "When the mailed code stops working" }),
  resendInSeconds: Schema.Int.pipe(Schema.nonNegative()).annotations({
    description: "Seconds until another code may be sent (the screen's countdown); 0: now",
  }),
  attemptsLeft: Schema.Int.pipe(Schema.nonNegative()).annotations({
    description: "Wrong codes left before this code is locked",
  }),
}).annotations({
  identifier: "PrimaryUserCodeSent",
  description: "A code was mailed and waits for its answer",
})

const AwaitingPassword = Schema.Struct({
  status: Schema.Literal("awaiting-password"),
  originalAccount,
  email: Schema.String.annotations({ description: "The verified address" }),
}).annotations({
  identifier: "PrimaryUserAwaitingPassword",
  description: "The address is verified; the password update completes it",
})

const Done = Schema.Struct({
  status: Schema.Literal("done"),
  email: Schema.String.annotations({ description: "The address the account signs in with" }),
}).annotations({ identifier: "PrimaryUserDone", description: "The account signs in with this address" })

export const PrimaryUserStatus = Schema.Union(NoPrimaryUser, CodeSent, AwaitingPassword, Done).annotations({
  identifier: "PrimaryUserStatus",
})

export const primaryUserStatusExample: typeof PrimaryUserStatus.Type = {
  status: "code-sent",
  originalAccount: "ecss_sample",
  sentTo: "aaa*****@***.com",
  expiresAt: "2026-12-07T09:15:00.000Z",
  resendInSeconds: 168,
  attemptsLeft: 5,
}

export const PasswordUpdated = Schema.Struct({
  message: Schema.Literal("Updated password successfully"),
  loginId: Schema.String.annotations({ description: "The address to sign in with from now on" }),
}).annotations({ identifier: "PrimaryUserPasswordUpdated" })
