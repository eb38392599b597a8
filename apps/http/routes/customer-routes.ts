import { Effect, Schema } from "effect"
import {
  changeContractor,
  changePassword,
  changeSupportContact,
  changeUserDetails,
  viewAccount,
} from "../../../application/accounts/account-changes.js"
import {
  completePasswordReset,
  requestPasswordReset,
  showPasswordReset,
} from "../../../application/accounts/password-reset.js"
import { RegistrationRequest, registerAccount } from "../../../application/accounts/registration.js"
import { signIn, signOut } from "../../../application/accounts/sessions.js"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import {
  addLicense,
  type LicenseView,
  renderedLicenseList,
  showLicense,
} from "../../../application/licensing/customer-licenses.js"
import { previewKey } from "../../../application/licensing/preview-key.js"
import { RateLimited, Throttle } from "../../../application/platform/throttle.js"
import { Contractor, EmailAddress, SupportContact, UserDetails } from "../../../domain/accounts/profile.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { defineRoute } from "../shell/route.js"
import { addressOf, customerMetadata, sessionOf } from "./session-of.js"
import { sessionBody, twoFactorRoutes } from "./two-factor-routes.js"

const tags = ["customer"]

// Key look-ups are the enumeration surface: a budget per address, and growing waits after misses.
const previewBudget = { limit: 30, windowSeconds: 60 }
const previewMisses = { free: 10, baseSeconds: 2, maxSeconds: 900, windowSeconds: 3600 }

/** While 2FA is off, the login answer carries the recommendation to turn it on (seed 003). */
const twoFactorRecommendation = {
  title: { ja: "セキュリティをさらに強化", en: "Strengthen your account's security" },
  message: {
    ja: "アカウントを適切に保護するために、2要素認証をただちに有効にすることを強く推奨します。",
    en: "We strongly recommend turning on two-factor authentication now to protect your account.",
  },
  setUp: "/v1/account/two-factor/verification-email",
  dismiss: "/v1/account/two-factor/reminder-dismissal",
}

const renderLicenses = (licenses: ReadonlyArray<LicenseView>) => Buffer.from(JSON.stringify({ licenses }))

export const customerRoutes = [
  defineRoute({
    method: "GET",
    path: "/v1/products",
    summary: "The product catalogue",
    tags,
    auth: "none",
    responses: { 200: { description: "Every product with its packages" } },
    handler: () =>
      Effect.map(
        Effect.flatMap(CatalogDirectory, (c) => c.list),
        (products) => ({ status: 200, body: { products } }),
      ),
  }),
  defineRoute({
    method: "GET",
    path: "/v1/license-keys/:key",
    summary: "Preview a product key before registering it",
    tags,
    auth: "none",
    params: Schema.Struct({ key: Schema.String }),
    responses: {
      200: { description: "Product, package, seats, type, expiry, and whether it can be registered" },
    },
    handler: ({ params, request }) =>
      Effect.gen(function* () {
        const throttle = yield* Throttle
        const address = addressOf(request)
        const missKey = `preview-miss:address:${address}`
        const wait = Math.max(
          yield* throttle.take(`preview:address:${address}`, previewBudget),
          yield* throttle.waitSeconds(missKey),
        )
        if (wait > 0) return yield* new RateLimited({ retryAfterSeconds: wait })
        const preview = yield* previewKey(params.key, defaultTimeZone).pipe(
          Effect.tapError(() => throttle.recordFailure(missKey, previewMisses)),
        )
        return { status: 200, body: preview }
      }),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/accounts",
    summary: "Register: create the account with its first product key",
    tags,
    auth: "none",
    body: RegistrationRequest,
    responses: { 201: { description: "The account and its first licence were created" } },
    handler: ({ body, request }) =>
      Effect.map(registerAccount(body, customerMetadata(request)), (created) => ({
        status: 201,
        body: created,
        headers: { location: "/v1/account" },
      })),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/sessions",
    summary: "Log in with login ID and password",
    tags,
    auth: "none",
    body: Schema.Struct({ loginId: Schema.String, password: Schema.String }),
    responses: {
      201: {
        description: "A bearer token, its expiry, and (while 2FA is off) the recommendation to turn it on",
      },
      200: { description: "2FA is on: a challenge to answer with a second factor" },
    },
    handler: ({ body, request }) =>
      Effect.map(
        signIn({ ...body, address: addressOf(request), metadataFor: customerMetadata(request) }),
        (result) => {
          if (result._tag === "TwoFactorRequired") {
            return {
              status: 200,
              body: {
                twoFactorRequired: true,
                challenge: {
                  id: result.challengeId,
                  expiresAt: result.expiresAt,
                  methods: ["totp", "emergency-code", "recovery-code"],
                },
              },
            }
          }
          const { _tag, twoFactorReminder, ...session } = result
          return {
            status: 201,
            body: {
              ...sessionBody(session),
              twoFactor: {
                enabled: false,
                recommendation: twoFactorReminder ? twoFactorRecommendation : null,
              },
            },
          }
        },
      ),
  }),
  defineRoute({
    method: "DELETE",
    path: "/v1/sessions/current",
    summary: "Log out",
    tags,
    responses: { 204: { description: "The session has ended" } },
    handler: ({ request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        yield* signOut(session.sessionId)
        return { status: 204 }
      }),
  }),
  defineRoute({
    method: "GET",
    path: "/v1/licenses",
    summary: "The account's licences with their status now",
    tags,
    responses: { 200: { description: "Licences: active, expiring_soon, expired (or suspended)" } },
    // The hottest read of the portal: a chain rather than a generator (each costs a little per call).
    handler: ({ request }) =>
      sessionOf(request).pipe(
        Effect.flatMap((session) => renderedLicenseList(session.accountId, renderLicenses)),
        Effect.map((encoded) => ({ status: 200, encoded })),
      ),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/licenses",
    summary: "Add a product key to the account",
    tags,
    body: Schema.Struct({
      licenseKey: Schema.String,
      acceptEula: Schema.Literal(true).annotations({
        message: () => "must be true: the licence agreement has to be accepted",
      }),
    }),
    responses: {
      201: { description: "The licence was added" },
      200: { description: "It was already this account's" },
    },
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const added = yield* addLicense(session.accountId, body.licenseKey, session.metadata)
        return {
          status: added.added ? 201 : 200,
          body: yield* showLicense(session.accountId, added.keyHash),
        }
      }),
  }),
  defineRoute({
    method: "GET",
    path: "/v1/account",
    summary: "The account: login ID, user, contractor, support contact",
    tags,
    responses: { 200: { description: "The account" } },
    handler: ({ request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        return { status: 200, body: yield* viewAccount(session.accountId) }
      }),
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/account/user",
    summary:
      "Change the user's details (e-mail, names, department, phone, fax): the whole section, as the form sends it",
    tags,
    body: UserDetails,
    responses: { 200: { description: "The account after the change" } },
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        return { status: 200, body: yield* changeUserDetails(session.accountId, body, session.metadata) }
      }),
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/account/contractor",
    summary: "Change the contractor (company) data; the support contact stays as it is",
    tags,
    body: Contractor,
    responses: { 200: { description: "The account after the change" } },
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        return { status: 200, body: yield* changeContractor(session.accountId, body, session.metadata) }
      }),
  }),
  defineRoute({
    method: "PATCH",
    path: "/v1/account/support-contact",
    summary: "Change the support contact and the emergency contact e-mail; the contractor stays as it is",
    tags,
    body: Schema.Struct({ ...SupportContact.fields, emergencyContactEmail: EmailAddress }),
    responses: { 200: { description: "The account after the change" } },
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const { emergencyContactEmail, ...contact } = body
        const changed = yield* changeSupportContact(
          session.accountId,
          contact,
          emergencyContactEmail,
          session.metadata,
        )
        return { status: 200, body: changed }
      }),
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
    handler: ({ body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        yield* changePassword(session.accountId, body, session.metadata)
        return { status: 204 }
      }),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/password-resets",
    summary: "Ask for a password-reset link by login ID or e-mail address",
    tags,
    auth: "none",
    body: Schema.Struct({
      loginIdOrEmail: Schema.Trim.pipe(Schema.nonEmptyString({ message: () => "is required" })),
    }),
    responses: { 202: { description: "The same answer whether or not an account matched" } },
    handler: ({ body, request }) =>
      Effect.map(
        requestPasswordReset(body.loginIdOrEmail, addressOf(request), customerMetadata(request)),
        () => ({
          status: 202,
          body: {
            message: "If an account matches, a message with a reset link was sent to its e-mail address.",
          },
        }),
      ),
  }),
  defineRoute({
    method: "GET",
    path: "/v1/password-resets/:token",
    summary: "Open a reset link: shows the login ID",
    tags,
    auth: "none",
    params: Schema.Struct({ token: Schema.String }),
    responses: { 200: { description: "The link works; the login ID it belongs to" } },
    handler: ({ params }) =>
      Effect.map(showPasswordReset(params.token), (shown) => ({ status: 200, body: shown })),
  }),
  defineRoute({
    method: "POST",
    path: "/v1/password-resets/:token",
    summary: "Set a new password with a reset link (ends every session)",
    tags,
    auth: "none",
    params: Schema.Struct({ token: Schema.String }),
    body: Schema.Struct({ newPassword: Schema.String, newPasswordConfirmation: Schema.String }),
    responses: { 200: { description: "The password was changed" } },
    handler: ({ params, body, request }) =>
      Effect.map(completePasswordReset(params.token, body, customerMetadata(request)), (done) => ({
        status: 200,
        body: { ...done, message: "The password was changed. Log in with the new password." },
      })),
  }),
  ...twoFactorRoutes,
]
