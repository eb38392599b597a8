import { Schema } from "effect"
import { AccountRegistered } from "../../../domain/accounts/account-events.js"
import { Id } from "../shell/wire.js"

export const Registered = Schema.Struct({
  accountId: Id,
  loginId: Schema.String.annotations({ description: "The login ID, as chosen" }),
}).annotations({ identifier: "Registered" })

// What the account records, less what its owner never sees (the password hash) and the event's own fields.
const { _tag: _event, at: _at, passwordHash: _hidden, ...viewFields } = AccountRegistered.fields

export const AccountView = Schema.Struct({
  ...viewFields,
  timeZone: Schema.String.annotations({ description: "An IANA time zone such as Asia/Tokyo" }),
}).annotations({
  identifier: "Account",
  description: "The account as its owner sees it: login ID, user, contractor, support contact",
})
