import { Effect, Schema } from "effect"
import {
  changeContractor,
  changePassword,
  changeSupportContact,
  changeUserDetails,
  viewAccountAt,
} from "../../../application/accounts/account-changes.js"
import { passwordCheckLimits } from "../../../application/accounts/password-recheck.js"
import {
  PersonalRegistrationRequest,
  registerPersonalAccount,
} from "../../../application/accounts/personal-registration.js"
import { RegistrationRequest, registerAccount } from "../../../application/accounts/registration.js"
import { Contractor, EmailAddress, SupportContact, UserDetails } from "../../../domain/accounts/profile.js"
import { licenseProblems } from "../licensing/licensing-problems.js"
import { phaseProblems } from "../lifecycle/lifecycle-problems.js"
import { customerMetadata, sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { entityTag, etagHeader, ifMatchHeader, ifMatchVersions } from "../shell/entity-tag.js"
import { defineFeature } from "../shell/feature.js"
import { idempotencyKeyHeader, idempotencyKeyOf } from "../shell/idempotency-key.js"
import { defineRoute } from "../shell/route.js"
import { twoFactorRefusals } from "../two-factor/two-factor-problems.js"
import {
  accountViewExample,
  personalRegisteredExample,
  personalRegistrationExample,
  registeredExample,
  registrationExample,
} from "./account-examples.js"
import {
  accountProblems,
  invalidFieldsProblem,
  loginIdProblems,
  personalRegistrationProblems,
} from "./account-problems.js"
import { AccountView, BusinessAccountView, Registered } from "./account-responses.js"

const tags = ["accounts"]

const changed = {
  description: "The account after the change (its new ETag in the header)",
  schema: BusinessAccountView,
  headers: etagHeader,
}

const changedAnswer = (changedTo: { readonly account: unknown; readonly version: number }) => ({
  status: 200,
  body: changedTo.account,
  headers: { etag: entityTag(changedTo.version) },
})

// A section is replaced whole, as the manual's forms send it, so the routes are PUTs; an If-Match
// with the account's ETag makes the change refuse (412) when someone changed the account meanwhile.
const sectionDescription =
  "Replaces the section whole. Send `If-Match` with the ETag of `GET /v1/account` to refuse the change (412) if the account changed since; without it the last change wins."

type SectionChange<B> = (
  accountId: string,
  body: B,
  metadata: Parameters<typeof changeUserDetails>[2],
  seen: Parameters<typeof changeUserDetails>[3],
) => ReturnType<typeof changeUserDetails>

/** One section of the account, replaced whole: the three share all but their path, body and use case. */
const sectionRoute = <B extends Schema.Schema.AnyNoContext>(section: {
  readonly path: string
  readonly summary: string
  readonly body: B
  readonly change: SectionChange<Schema.Schema.Type<B>>
}) =>
  defineRoute({
    method: "PUT",
    path: section.path,
    description: sectionDescription,
    summary: section.summary,
    tags,
    body: section.body,
    headers: ifMatchHeader,
    responses: { 200: changed },
    failures: {
      PreconditionFailed: true,
      AccountAlreadyExists: true,
      AccountNotFound: true,
      NotABusinessAccount: true,
      IdempotencyKeyReused: true,
      PasswordResetLinkInvalid: true,
      SessionInvalid: true,
      StreamVersionConflict: true,
    },
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        return changedAnswer(
          yield* section.change(
            session.accountId,
            // Decoded with section.body by the shell; the conditional type does not resolve for a generic B.
            body as Schema.Schema.Type<B>,
            session.metadata,
            ifMatchVersions(request),
          ),
        )
      }),
  })

/** What both registrations can meet: the key's refusals, the form's, a repeated request's. */
const registrationFailures = {
  IdempotencyKeyReused: true,
  InvalidIdempotencyKey: true,
  AccountAlreadyExists: true,
  AccountNotFound: true,
  NotABusinessAccount: true,
  InvalidFields: true,
  LicenseAlreadyRegistered: true,
  LicenseKeyAlreadyIssued: true,
  LicenseKeyExpired: true,
  ServiceEnded: true,
  LicenseKeyUnknown: true,
  LicenseNotRegistered: true,
  PasswordResetLinkInvalid: true,
  ProductKeyMalformed: true,
  ProductKeyUnknown: true,
  StreamVersionConflict: true,
} as const

export const accountsFeature = defineFeature({
  name: "accounts",
  routes: [
    defineRoute({
      method: "POST",
      path: "/v1/accounts",
      summary: "Register: create the account with its first product key",
      tags,
      auth: "none",
      body: RegistrationRequest,
      headers: idempotencyKeyHeader,
      bodyExample: registrationExample,
      responses: {
        201: {
          description: "The account and its first licence were created",
          schema: Registered,
          example: registeredExample,
          headers: { Location: { description: "The new account's URL: `/v1/account`" } },
        },
      },
      failures: { ...registrationFailures, LoginIdTaken: true },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const key = yield* idempotencyKeyOf(request)
          const created = yield* registerAccount(body, customerMetadata(request), key)
          return { status: 201, body: created, headers: { location: "/v1/account" } }
        }),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/personal-accounts",
      summary: "Register a personal account: a consumer product's key, an e-mail address and a password",
      description:
        "The consumer products (Password Manager, ID Protection) have personal accounts: no company form; the address is the sign-in name (`POST /v1/sessions` with it as `loginId`).",
      tags,
      auth: "none",
      body: PersonalRegistrationRequest,
      headers: idempotencyKeyHeader,
      bodyExample: personalRegistrationExample,
      responses: {
        201: {
          description: "The account and its first licence were created",
          schema: Registered,
          example: personalRegisteredExample,
          headers: { Location: { description: "The new account's URL: `/v1/account`" } },
        },
      },
      failures: { ...registrationFailures, EmailTaken: true, ProductNotForPersonalAccounts: true },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const key = yield* idempotencyKeyOf(request)
          const created = yield* registerPersonalAccount(body, customerMetadata(request), key)
          return { status: 201, body: created, headers: { location: "/v1/account" } }
        }),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/account",
      summary: "The account: login ID, user, contractor, support contact",
      tags,
      responses: {
        200: {
          description: "The account",
          schema: AccountView,
          example: accountViewExample,
          headers: etagHeader,
        },
      },
      failures: { AccountNotFound: true, SessionInvalid: true },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          const { account, version } = yield* viewAccountAt(session.accountId)
          return { status: 200, body: account, headers: { etag: entityTag(version) } }
        }),
    }),
    sectionRoute({
      path: "/v1/account/user",
      summary:
        "Change the user's details (e-mail, names, department, phone, fax): the whole section, as the form sends it",
      body: UserDetails,
      change: changeUserDetails,
    }),
    sectionRoute({
      path: "/v1/account/contractor",
      summary: "Change the contractor (company) data; the support contact stays as it is",
      body: Contractor,
      change: changeContractor,
    }),
    sectionRoute({
      path: "/v1/account/support-contact",
      summary: "Change the support contact and the emergency contact e-mail; the contractor stays as it is",
      body: Schema.Struct({ ...SupportContact.fields, emergencyContactEmail: EmailAddress }),
      change: (accountId, { emergencyContactEmail, ...contact }, metadata, seen) =>
        changeSupportContact(accountId, contact, emergencyContactEmail, metadata, seen),
    }),
    defineRoute({
      method: "PUT",
      path: "/v1/account/password",
      summary: "Change the password (every session ends, this one too)",
      tags,
      body: Schema.Struct({
        currentPassword: Schema.String,
        newPassword: Schema.String,
        newPasswordConfirmation: Schema.String,
      }),
      responses: { 204: { description: "Changed; log in again" } },
      failures: {
        AccountAlreadyExists: true,
        AccountNotFound: true,
        NotABusinessAccount: true,
        ChallengeLocked: true,
        ChallengeUnknown: true,
        EmergencyCodeNotIssued: true,
        IdempotencyKeyReused: true,
        InvalidFields: true,
        NoEnrollmentInProgress: true,
        PasswordResetLinkInvalid: true,
        RateLimited: passwordCheckLimits,
        SessionInvalid: true,
        StreamVersionConflict: true,
        TwoFactorNotEnabled: true,
        VerificationRequired: true,
      },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          yield* changePassword(session.accountId, body, session.metadata)
          return { status: 204 }
        }),
    }),
  ],
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ...licenseProblems,
    ServiceEnded: phaseProblems.ServiceEnded,
    ...loginIdProblems,
    ...personalRegistrationProblems,
    ...twoFactorRefusals,
    InvalidFields: invalidFieldsProblem,
  },
})
