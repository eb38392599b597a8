import { Schema } from "effect"
import { AccountRegistered, PersonalAccountRegistered } from "../../../domain/accounts/account-events.js"
import { Id } from "../shell/wire.js"

export const Registered = Schema.Struct({
  accountId: Id,
  loginId: Schema.String.annotations({ description: "The login ID, as chosen" }),
}).annotations({ identifier: "Registered" })

// What the account records, less what its owner never sees (the password hash) and the event's own fields.
const { _tag: _event, at: _at, passwordHash: _hidden, ...viewFields } = AccountRegistered.fields

const timeZone = Schema.String.annotations({ description: "An IANA time zone such as Asia/Tokyo" })

export const BusinessAccountView = Schema.Struct({
  kind: Schema.Literal("business"),
  ...viewFields,
  timeZone,
}).annotations({
  identifier: "BusinessAccount",
  description: "A business (CLP) account as its owner sees it: login ID, user, contractor, support contact",
})

const { accountId, email, language } = PersonalAccountRegistered.fields

export const PersonalAccountView = Schema.Struct({
  kind: Schema.Literal("personal"),
  accountId,
  loginId: Schema.String.annotations({ description: "The account's e-mail address, which it signs in with" }),
  email,
  language,
  timeZone,
}).annotations({
  identifier: "PersonalAccount",
  description: "A personal account as its owner sees it: its address (also its sign-in name), language, zone",
})

export const AccountView = Schema.Union(BusinessAccountView, PersonalAccountView).annotations({
  identifier: "Account",
  description: "The account as its owner sees it, by its kind: business (CLP) or personal",
})
