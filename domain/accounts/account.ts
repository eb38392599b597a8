import { Data, Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { type Instant, isAfter } from "../kernel/instant.js"
import {
  type AccountEvent,
  AccountRegistered,
  ContractorChanged,
  PasswordChanged,
  PasswordResetRequested,
  PersonalAccountRegistered,
  PrimaryUserAccountAssigned,
  SupportContactChanged,
  UserDetailsChanged,
} from "./account-events.js"
import { loginIdKey } from "./login-id.js"
import type { Contractor, SupportContact, UserDetails } from "./profile.js"

export const accountStreamId = (accountId: string) => `account-${accountId}`

type Registration = Omit<typeof AccountRegistered.Type, "_tag" | "at">
type PersonalRegistration = Omit<typeof PersonalAccountRegistered.Type, "_tag" | "at">

/** A business (CLP) account: a login ID, the user, the company and its support contact. */
export type BusinessProfile = Registration & { readonly kind: "business" }
/** A personal account: its e-mail address is its sign-in name (`loginId`); there is no company. */
export type PersonalProfile = PersonalRegistration & { readonly kind: "personal"; readonly loginId: string }
/** One account model, two kinds: the same password, 2FA, sessions, licences and vault. */
export type AccountProfile = BusinessProfile | PersonalProfile
export type AccountKind = AccountProfile["kind"]

interface PendingReset {
  readonly resetId: string
  readonly tokenDigest: string
  readonly expiresAt: Instant
}

export type AccountState =
  | { readonly _tag: "None" }
  | {
      readonly _tag: "Active"
      readonly account: AccountProfile
      /** At most one reset link works at a time: a new request replaces the old one. */
      readonly pendingReset: PendingReset | undefined
    }

export type AccountCommand =
  | { readonly _tag: "Register"; readonly registration: Registration; readonly at: Instant }
  | { readonly _tag: "RegisterPersonal"; readonly registration: PersonalRegistration; readonly at: Instant }
  | { readonly _tag: "ChangeUserDetails"; readonly user: UserDetails; readonly at: Instant }
  | { readonly _tag: "ChangeContractor"; readonly contractor: Contractor; readonly at: Instant }
  | {
      readonly _tag: "ChangeSupportContact"
      readonly supportContact: SupportContact
      readonly emergencyContactEmail: string
      readonly at: Instant
    }
  | { readonly _tag: "ChangePassword"; readonly passwordHash: string; readonly at: Instant }
  | { readonly _tag: "RequestPasswordReset"; readonly reset: PendingReset; readonly at: Instant }
  | {
      readonly _tag: "CompletePasswordReset"
      readonly tokenDigest: string
      readonly passwordHash: string
      readonly at: Instant
    }
  | {
      readonly _tag: "AssignPrimaryUserAccount"
      readonly email: string
      readonly passwordHash: string
      readonly at: Instant
    }

export class AccountAlreadyExists extends Data.TaggedError("AccountAlreadyExists")<{}> {}
export class AccountNotFound extends Data.TaggedError("AccountNotFound")<{}> {}
/** Unknown, used, replaced or expired: the answer is the same, so a link reveals nothing. */
export class PasswordResetLinkInvalid extends Data.TaggedError("PasswordResetLinkInvalid")<{}> {}

/** A personal account has no company, support contact or user form: those changes are for business accounts. */
export class NotABusinessAccount extends Data.TaggedError("NotABusinessAccount")<{}> {}

export type AccountError =
  | AccountAlreadyExists
  | AccountNotFound
  | PasswordResetLinkInvalid
  | NotABusinessAccount

const ok = (events: ReadonlyArray<AccountEvent>) => Either.right(events)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent, AccountError> = {
  initialState: { _tag: "None" },
  decide: (command, state) => {
    if (command._tag === "Register" || command._tag === "RegisterPersonal") {
      if (state._tag !== "None") return Either.left(new AccountAlreadyExists())
      return ok([
        command._tag === "Register"
          ? AccountRegistered.make({ ...command.registration, at: command.at })
          : PersonalAccountRegistered.make({ ...command.registration, at: command.at }),
      ])
    }
    if (state._tag === "None") return Either.left(new AccountNotFound())
    const { account } = state
    switch (command._tag) {
      case "ChangePassword":
        return ok([
          PasswordChanged.make({ passwordHash: command.passwordHash, via: "change", at: command.at }),
        ])
      case "RequestPasswordReset":
        return ok([PasswordResetRequested.make({ ...command.reset, at: command.at })])
      case "CompletePasswordReset": {
        const pending = state.pendingReset
        // Digests of random tokens: equal text means the same token; no secret is compared here.
        if (
          !pending ||
          pending.tokenDigest !== command.tokenDigest ||
          !isAfter(pending.expiresAt, command.at)
        ) {
          return Either.left(new PasswordResetLinkInvalid())
        }
        return ok([
          PasswordChanged.make({
            passwordHash: command.passwordHash,
            via: "reset",
            resetId: pending.resetId,
            at: command.at,
          }),
        ])
      }
    }
    if (account.kind !== "business") return Either.left(new NotABusinessAccount())
    switch (command._tag) {
      case "ChangeUserDetails":
        return same(command.user, account.user)
          ? ok([])
          : ok([
              UserDetailsChanged.make({
                user: command.user,
                previousEmail: account.user.email,
                at: command.at,
              }),
            ])
      case "ChangeContractor":
        return same(command.contractor, account.contractor)
          ? ok([])
          : ok([ContractorChanged.make({ contractor: command.contractor, at: command.at })])
      case "ChangeSupportContact":
        return same(command.supportContact, account.supportContact) &&
          command.emergencyContactEmail === account.emergencyContactEmail
          ? ok([])
          : ok([
              SupportContactChanged.make({
                supportContact: command.supportContact,
                emergencyContactEmail: command.emergencyContactEmail,
                at: command.at,
              }),
            ])
      case "AssignPrimaryUserAccount":
        // Once the address is the sign-in name, assigning it again is a repeat.
        return loginIdKey(account.loginId) === loginIdKey(command.email)
          ? ok([])
          : ok([
              PrimaryUserAccountAssigned.make({
                email: command.email,
                previousLoginId: account.loginId,
                passwordHash: command.passwordHash,
                at: command.at,
              }),
            ])
    }
  },
  evolve: (state, event) => {
    if (event._tag === "AccountRegistered") {
      const { _tag, at, ...account } = event
      return { _tag: "Active", account: { kind: "business", ...account }, pendingReset: undefined }
    }
    if (event._tag === "PersonalAccountRegistered") {
      const { _tag, at, ...account } = event
      return {
        _tag: "Active",
        account: { kind: "personal", loginId: account.email, ...account },
        pendingReset: undefined,
      }
    }
    if (state._tag === "None") return state
    const business = state.account.kind === "business" ? state.account : undefined
    switch (event._tag) {
      // Recorded for business accounts only (decide refuses the rest).
      case "UserDetailsChanged":
        return business ? { ...state, account: { ...business, user: event.user } } : state
      case "ContractorChanged":
        return business ? { ...state, account: { ...business, contractor: event.contractor } } : state
      case "SupportContactChanged":
        return business
          ? {
              ...state,
              account: {
                ...business,
                supportContact: event.supportContact,
                emergencyContactEmail: event.emergencyContactEmail,
              },
            }
          : state
      case "PasswordResetRequested":
        return {
          ...state,
          pendingReset: {
            resetId: event.resetId,
            tokenDigest: event.tokenDigest,
            expiresAt: event.expiresAt,
          },
        }
      case "PrimaryUserAccountAssigned":
        return business
          ? {
              ...state,
              account: { ...business, loginId: event.email, passwordHash: event.passwordHash },
              pendingReset: undefined,
            }
          : state
      case "PasswordChanged":
        return {
          ...state,
          account: { ...state.account, passwordHash: event.passwordHash },
          pendingReset: undefined,
        }
    }
  },
}

export const accountCodec = makeEventCodec({
  AccountRegistered: { schema: AccountRegistered },
  PersonalAccountRegistered: { schema: PersonalAccountRegistered },
  UserDetailsChanged: { schema: UserDetailsChanged },
  ContractorChanged: { schema: ContractorChanged },
  SupportContactChanged: { schema: SupportContactChanged },
  PasswordResetRequested: { schema: PasswordResetRequested },
  PasswordChanged: { schema: PasswordChanged },
  PrimaryUserAccountAssigned: { schema: PrimaryUserAccountAssigned },
})

export const account = { decider: accountDecider, codec: accountCodec }
