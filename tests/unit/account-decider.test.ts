import { describe, expect, it } from "vitest"
import { accountDecider } from "../../domain/accounts/account.js"
import {
  AccountRegistered,
  ContractorChanged,
  PasswordChanged,
  PasswordResetRequested,
  PersonalAccountRegistered,
  PrimaryUserAccountAssigned,
  SupportContactChanged,
  UserDetailsChanged,
} from "../../domain/accounts/account-events.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"
import { sampleContractor, sampleSupportContact, sampleUser } from "../support/sample-account.js"

const at = Instant.make("2026-11-21T00:00:00.000Z")
const later = Instant.make("2026-11-21T00:30:00.000Z")
const registration = {
  accountId: "acc-1",
  loginId: "ecss_sample",
  passwordHash: "$argon2id$old",
  user: sampleUser,
  contractor: sampleContractor,
  purchaseSource: { companyName: "販売店株式会社" },
  supportContact: sampleSupportContact,
  emergencyContactEmail: "emergency@example.co.jp",
  language: "ja" as const,
  timeZone: "Asia/Tokyo",
}
const registered = AccountRegistered.make({ ...registration, at })
const resetRequested = PasswordResetRequested.make({ resetId: "r1", tokenDigest: "d1", expiresAt: later, at })
const spec = deciderSpec(accountDecider)

const personal = {
  accountId: "acc-2",
  email: "hanako@example.jp",
  passwordHash: "$argon2id$old",
  language: "ja" as const,
  timeZone: "Asia/Tokyo",
}
const personalRegistered = PersonalAccountRegistered.make({ ...personal, at })

describe("account decider: personal accounts", () => {
  it("registers once, whichever kind came first", () => {
    spec
      .given([])
      .when({ _tag: "RegisterPersonal", registration: personal, at })
      .thenEmits([personalRegistered])
    spec
      .given([personalRegistered])
      .when({ _tag: "RegisterPersonal", registration: personal, at })
      .thenRefuses("AccountAlreadyExists")
    spec
      .given([personalRegistered])
      .when({ _tag: "Register", registration, at })
      .thenRefuses("AccountAlreadyExists")
  })

  it("has no company, support contact or user form", () => {
    const given = spec.given([personalRegistered])
    given.when({ _tag: "ChangeUserDetails", user: sampleUser, at }).thenRefuses("NotABusinessAccount")
    given
      .when({ _tag: "ChangeContractor", contractor: sampleContractor, at })
      .thenRefuses("NotABusinessAccount")
    given
      .when({
        _tag: "ChangeSupportContact",
        supportContact: sampleSupportContact,
        emergencyContactEmail: "e@example.jp",
        at,
      })
      .thenRefuses("NotABusinessAccount")
  })

  it("changes and resets its password like a business account", () => {
    spec
      .given([personalRegistered])
      .when({ _tag: "ChangePassword", passwordHash: "$argon2id$new", at })
      .thenEmits([PasswordChanged.make({ passwordHash: "$argon2id$new", via: "change", at })])
    spec
      .given([personalRegistered, resetRequested])
      .when({ _tag: "CompletePasswordReset", tokenDigest: "d1", passwordHash: "$argon2id$new", at })
      .thenEmits([PasswordChanged.make({ passwordHash: "$argon2id$new", via: "reset", resetId: "r1", at })])
  })

  it("signs in with its address: the state's login ID is the address", () => {
    const state = [personalRegistered].reduce(accountDecider.evolve, accountDecider.initialState)
    expect(state).toMatchObject({ _tag: "Active", account: { kind: "personal", loginId: personal.email } })
  })
})

describe("account decider", () => {
  it("registers once", () => {
    spec.given([]).when({ _tag: "Register", registration, at }).thenEmits([registered])
    spec.given([registered]).when({ _tag: "Register", registration, at }).thenRefuses("AccountAlreadyExists")
  })

  it("changes user details, remembering the previous e-mail; the same details change nothing", () => {
    const user = { ...sampleUser, email: "new@example.co.jp" }
    spec
      .given([registered])
      .when({ _tag: "ChangeUserDetails", user, at })
      .thenEmits([UserDetailsChanged.make({ user, previousEmail: sampleUser.email, at })])
    spec.given([registered]).when({ _tag: "ChangeUserDetails", user: sampleUser, at }).thenNothing()
    spec.given([]).when({ _tag: "ChangeUserDetails", user, at }).thenRefuses("AccountNotFound")
  })

  it("changes the contractor and the support contact separately", () => {
    const contractor = { ...sampleContractor, remarks: "経理部経由" }
    spec
      .given([registered])
      .when({ _tag: "ChangeContractor", contractor, at })
      .thenEmits([ContractorChanged.make({ contractor, at })])
    const supportContact = { ...sampleSupportContact, department: "サポート課" }
    spec
      .given([registered])
      .when({ _tag: "ChangeSupportContact", supportContact, emergencyContactEmail: "e2@example.co.jp", at })
      .thenEmits([
        SupportContactChanged.make({ supportContact, emergencyContactEmail: "e2@example.co.jp", at }),
      ])
  })

  it("completes a reset only with the current link's token, before it expires, once", () => {
    const complete = {
      _tag: "CompletePasswordReset" as const,
      tokenDigest: "d1",
      passwordHash: "$argon2id$new",
    }
    spec
      .given([registered, resetRequested])
      .when({ ...complete, at })
      .thenEmits([PasswordChanged.make({ passwordHash: "$argon2id$new", via: "reset", resetId: "r1", at })])
    spec
      .given([registered, resetRequested])
      .when({ ...complete, at: later })
      .thenRefuses("PasswordResetLinkInvalid")
    spec
      .given([registered, resetRequested])
      .when({ ...complete, tokenDigest: "d0", at })
      .thenRefuses("PasswordResetLinkInvalid")
    const used = PasswordChanged.make({ passwordHash: "$argon2id$new", via: "reset", resetId: "r1", at })
    spec
      .given([registered, resetRequested, used])
      .when({ ...complete, at })
      .thenRefuses("PasswordResetLinkInvalid")
    const replaced = PasswordResetRequested.make({ resetId: "r2", tokenDigest: "d2", expiresAt: later, at })
    spec
      .given([registered, resetRequested, replaced])
      .when({ ...complete, at })
      .thenRefuses("PasswordResetLinkInvalid")
  })

  describe("the primary user account (manual 004, STEP 2, 9–10)", () => {
    const assign = {
      _tag: "AssignPrimaryUserAccount" as const,
      email: "aaa@test.com",
      passwordHash: "$argon2id$new",
      at,
    }
    const assigned = PrimaryUserAccountAssigned.make({
      email: "aaa@test.com",
      previousLoginId: "ecss_sample",
      passwordHash: "$argon2id$new",
      at,
    })
    it("makes the address the sign-in name, with the new password, and ends a pending reset", () => {
      spec.given([registered, resetRequested]).when(assign).thenEmits([assigned])
      const then = spec
        .given([registered, resetRequested, assigned])
        .when({ ...assign, email: "AAA@test.com" })
      then.thenNothing()
      expect(then.state).toMatchObject({
        _tag: "Active",
        account: { loginId: "aaa@test.com", passwordHash: "$argon2id$new" },
        pendingReset: undefined,
      })
    })
    it("is for business accounts only, and for accounts that exist", () => {
      spec
        .given([PersonalAccountRegistered.make({ ...personal, at })])
        .when(assign)
        .thenRefuses("NotABusinessAccount")
      spec.given([]).when(assign).thenRefuses("AccountNotFound")
    })
  })
})
