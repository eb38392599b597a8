import { Schema } from "effect"
import { Instant } from "../kernel/instant.js"
import { Contractor, EmailAddress, Language, SupportContact, UserDetails } from "./profile.js"

export const PurchaseSource = Schema.Struct({ companyName: Schema.String })

export const AccountRegistered = Schema.TaggedStruct("AccountRegistered", {
  accountId: Schema.String,
  loginId: Schema.String,
  /** Argon2id (PHC string); the password itself never reaches the log. */
  passwordHash: Schema.String,
  user: UserDetails,
  contractor: Contractor,
  purchaseSource: PurchaseSource,
  supportContact: SupportContact,
  emergencyContactEmail: EmailAddress,
  language: Language,
  timeZone: Schema.String,
  at: Instant,
})

/**
 * A personal account (the consumer products of manual 000): an e-mail address and a password, no
 * company. The address is also its sign-in name, claimed like a login ID so the two never collide.
 */
export const PersonalAccountRegistered = Schema.TaggedStruct("PersonalAccountRegistered", {
  accountId: Schema.String,
  email: EmailAddress,
  passwordHash: Schema.String,
  language: Language,
  timeZone: Schema.String,
  at: Instant,
})

export const UserDetailsChanged = Schema.TaggedStruct("UserDetailsChanged", {
  user: UserDetails,
  previousEmail: EmailAddress,
  at: Instant,
})

export const ContractorChanged = Schema.TaggedStruct("ContractorChanged", {
  contractor: Contractor,
  at: Instant,
})

export const SupportContactChanged = Schema.TaggedStruct("SupportContactChanged", {
  supportContact: SupportContact,
  emergencyContactEmail: EmailAddress,
  at: Instant,
})

export const PasswordResetRequested = Schema.TaggedStruct("PasswordResetRequested", {
  resetId: Schema.String,
  /** SHA-256 of the link's token: the token itself is only in the e-mail. */
  tokenDigest: Schema.String,
  expiresAt: Instant,
  at: Instant,
})

export const PasswordChanged = Schema.TaggedStruct("PasswordChanged", {
  passwordHash: Schema.String,
  via: Schema.Literal("change", "reset"),
  resetId: Schema.optionalWith(Schema.String, { exact: true }),
  at: Instant,
})

/**
 * The business account's sign-in name became its verified primary user account address (manual 004,
 * STEP 2, 9–10), with the password updated in the same step; the old login ID signs in no more.
 */
export const PrimaryUserAccountAssigned = Schema.TaggedStruct("PrimaryUserAccountAssigned", {
  email: EmailAddress,
  previousLoginId: Schema.String,
  passwordHash: Schema.String,
  at: Instant,
})

export type AccountEvent =
  | typeof AccountRegistered.Type
  | typeof PersonalAccountRegistered.Type
  | typeof UserDetailsChanged.Type
  | typeof ContractorChanged.Type
  | typeof SupportContactChanged.Type
  | typeof PasswordResetRequested.Type
  | typeof PasswordChanged.Type
  | typeof PrimaryUserAccountAssigned.Type
