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
  SupportContactChanged,
  UserDetailsChanged,
} from "./account-events.js"
import type { Contractor, SupportContact, UserDetails } from "./profile.js"

export const accountStreamId = (accountId: string) => `account-${accountId}`

type Registration = Omit<typeof AccountRegistered.Type, "_tag" | "at">

interface PendingReset {
  readonly resetId: string
  readonly tokenDigest: string
  readonly expiresAt: Instant
}

export type AccountState =
  | { readonly _tag: "None" }
  | {
      readonly _tag: "Active"
      readonly account: Registration
      /** At most one reset link works at a time: a new request replaces the old one. */
      readonly pendingReset: PendingReset | undefined
    }

export type AccountCommand =
  | { readonly _tag: "Register"; readonly registration: Registration; readonly at: Instant }
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

export class AccountAlreadyExists extends Data.TaggedError("AccountAlreadyExists")<{}> {}
export class AccountNotFound extends Data.TaggedError("AccountNotFound")<{}> {}
/** Unknown, used, replaced or expired: the answer is the same, so a link reveals nothing. */
export class PasswordResetLinkInvalid extends Data.TaggedError("PasswordResetLinkInvalid")<{}> {}

export type AccountError = AccountAlreadyExists | AccountNotFound | PasswordResetLinkInvalid

const ok = (events: ReadonlyArray<AccountEvent>) => Either.right(events)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent, AccountError> = {
  initialState: { _tag: "None" },
  decide: (command, state) => {
    if (command._tag === "Register") {
      return state._tag === "None"
        ? ok([AccountRegistered.make({ ...command.registration, at: command.at })])
        : Either.left(new AccountAlreadyExists())
    }
    if (state._tag === "None") return Either.left(new AccountNotFound())
    const { account } = state
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
  },
  evolve: (state, event) => {
    if (event._tag === "AccountRegistered") {
      const { _tag, at, ...account } = event
      return { _tag: "Active", account, pendingReset: undefined }
    }
    if (state._tag === "None") return state
    switch (event._tag) {
      case "UserDetailsChanged":
        return { ...state, account: { ...state.account, user: event.user } }
      case "ContractorChanged":
        return { ...state, account: { ...state.account, contractor: event.contractor } }
      case "SupportContactChanged":
        return {
          ...state,
          account: {
            ...state.account,
            supportContact: event.supportContact,
            emergencyContactEmail: event.emergencyContactEmail,
          },
        }
      case "PasswordResetRequested":
        return {
          ...state,
          pendingReset: {
            resetId: event.resetId,
            tokenDigest: event.tokenDigest,
            expiresAt: event.expiresAt,
          },
        }
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
  UserDetailsChanged: { schema: UserDetailsChanged },
  ContractorChanged: { schema: ContractorChanged },
  SupportContactChanged: { schema: SupportContactChanged },
  PasswordResetRequested: { schema: PasswordResetRequested },
  PasswordChanged: { schema: PasswordChanged },
})

export const account = { decider: accountDecider, codec: accountCodec }
