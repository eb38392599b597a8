import { Effect } from "effect"
import {
  AccountNotFound,
  type AccountProfile,
  type AccountState,
  account,
  accountStreamId,
  type BusinessProfile,
} from "../../domain/accounts/account.js"
import { holderAddress } from "../../domain/accounts/contact-addresses.js"
import type { Contractor, SupportContact, UserDetails } from "../../domain/accounts/profile.js"
import type { EventMetadata, Instant } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { runOnSeenVersion } from "../event-log/seen-version.js"
import { MailTransport, type MailTransportName } from "../mail/mail-transport.js"
import {
  accountInformationChanged,
  emailAddressChanged,
  passwordChanged,
} from "../notifications/account-emails.js"
import type { Brand } from "../notifications/mail-kit.js"
import { now } from "../platform/now.js"
import { revokeLoginChallenges } from "../two-factor/issue-challenge.js"
import { brandOf, mailMessage } from "./account-mail.js"
import { InvalidFields } from "./invalid-fields.js"
import { PasswordHasher } from "./password-hasher.js"
import { recheckPassword } from "./password-recheck.js"
import { checkNewPassword } from "./password-rules.js"
import { type Section, type SectionSeenAt, versionsToDecideOn } from "./section-seen.js"
import { SessionStore } from "./session-store.js"

type Profile = AccountProfile

/** The account as its owner sees it: never the password hash. */
const visible = (profile: Profile) => {
  const { passwordHash: _hidden, ...shown } = profile
  return shown
}

/** The account and its stream version, the validator a client sends back to change it (`If-Match`). */
export const viewAccountAt = Effect.fn("Accounts.viewAt")(function* (accountId: string) {
  const { state, version } = yield* loadAggregate(account, accountStreamId(accountId))
  if (state._tag !== "Active") return yield* new AccountNotFound()
  return { account: visible(state.account), version }
})

export const viewAccount = (accountId: string) => Effect.map(viewAccountAt(accountId), (seen) => seen.account)

// The manual: company data changes are mailed to the support contact, user data changes to the
// user's address. A changed address is told to both the old and the new address.
const changeMails = (
  brand: Brand,
  transport: MailTransportName,
  before: BusinessProfile,
  after: BusinessProfile,
  part: Section,
  at: Instant,
) => {
  const { language, timeZone } = after
  const to = part === "user" ? after.user.email : after.supportContact.email
  const mails: Array<OutboxMessage> = [
    mailMessage(
      transport,
      [to],
      accountInformationChanged(language, brand, { part, changedAt: at, timeZone }),
    ),
  ]
  const oldAddress = part === "user" ? before.user.email : before.supportContact.email
  if (oldAddress.toLowerCase() !== to.toLowerCase()) {
    for (const recipient of ["old", "new"] as const) {
      const mail = emailAddressChanged(language, brand, {
        recipient,
        oldAddress,
        newAddress: to,
        changedAt: at,
        timeZone,
      })
      mails.push(mailMessage(transport, [recipient === "old" ? oldAddress : to], mail))
    }
  }
  return mails
}

const changeProfile = (
  accountId: string,
  part: Section,
  command: (at: Instant) => Parameters<typeof account.decider.decide>[0],
  metadata: EventMetadata,
  seen: SeenVersions,
) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    const transport = yield* MailTransport
    const at = yield* now
    const options = {
      metadata,
      outbox: (events: ReadonlyArray<unknown>, state: AccountState, before: AccountState) =>
        // Only business accounts have these sections (the decider refuses the others).
        events.length === 0 ||
        state._tag !== "Active" ||
        before._tag !== "Active" ||
        state.account.kind !== "business" ||
        before.account.kind !== "business"
          ? []
          : changeMails(brand, transport, before.account, state.account, part, at),
    }
    const versions =
      seen !== undefined && "sectionSeenAt" in seen ? yield* versionsToDecideOn(accountId, part, seen) : seen
    const result = yield* runOnSeenVersion(
      account,
      accountStreamId(accountId),
      command(at),
      options,
      versions,
    )
    // Answers the account after the change, as its owner sees it (the decider refuses an account
    // that does not exist, so the state is active here).
    if (result.state._tag !== "Active") return yield* new AccountNotFound()
    return { account: visible(result.state.account), version: result.version }
  })

/**
 * What a change is based on: the account versions the client saw (`If-Match`: refused if the
 * account moved at all), the version a form showed the section at (refused only if this section
 * changed since), or undefined: change whatever is current.
 */
export type SeenVersions = ReadonlyArray<number> | SectionSeenAt | undefined

export const changeUserDetails = (
  accountId: string,
  user: UserDetails,
  metadata: EventMetadata,
  seen?: SeenVersions,
) => changeProfile(accountId, "user", (at) => ({ _tag: "ChangeUserDetails", user, at }), metadata, seen)

export const changeContractor = (
  accountId: string,
  contractor: Contractor,
  metadata: EventMetadata,
  seen?: SeenVersions,
) =>
  changeProfile(
    accountId,
    "contractor",
    (at) => ({ _tag: "ChangeContractor", contractor, at }),
    metadata,
    seen,
  )

export const changeSupportContact = (
  accountId: string,
  supportContact: SupportContact,
  emergencyContactEmail: string,
  metadata: EventMetadata,
  seen?: SeenVersions,
) =>
  changeProfile(
    accountId,
    "supportContact",
    (at) => ({ _tag: "ChangeSupportContact", supportContact, emergencyContactEmail, at }),
    metadata,
    seen,
  )

export const passwordChangedMail = (
  brand: Brand,
  transport: MailTransportName,
  profile: Profile,
  at: Instant,
) =>
  mailMessage(
    transport,
    [holderAddress(profile)],
    passwordChanged(profile.language, brand, { changedAt: at, timeZone: profile.timeZone }),
  )

/** Current password, then the new one under the policy; ends every session, mails "password changed". */
export const changePassword = Effect.fn("Accounts.changePassword")(function* (
  accountId: string,
  input: {
    readonly currentPassword: string
    readonly newPassword: string
    readonly newPasswordConfirmation: string
  },
  metadata: EventMetadata,
) {
  const hasher = yield* PasswordHasher
  const brand = yield* brandOf
  const transport = yield* MailTransport
  const loaded = yield* loadAggregate(account, accountStreamId(accountId))
  const { state } = loaded
  if (state._tag !== "Active") return yield* new AccountNotFound()
  if (!(yield* recheckPassword(accountId, state.account.passwordHash, input.currentPassword))) {
    return yield* new InvalidFields({
      errors: [{ field: "/currentPassword", reason: "is not the current password" }],
    })
  }
  yield* checkNewPassword({
    loginId: state.account.loginId,
    password: input.newPassword,
    confirmation: input.newPasswordConfirmation,
    field: "/newPassword",
    confirmationField: "/newPasswordConfirmation",
  })
  const passwordHash = yield* hasher.hash(input.newPassword)
  const at = yield* now
  yield* runCommand(
    account,
    accountStreamId(accountId),
    { _tag: "ChangePassword", passwordHash, at },
    {
      metadata,
      loaded,
      outbox: (_, next) =>
        next._tag === "Active" ? [passwordChangedMail(brand, transport, next.account, at)] : [],
    },
  )
  yield* (yield* SessionStore).endAllOf(accountId)
  yield* revokeLoginChallenges(accountId, metadata)
})
