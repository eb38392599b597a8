import type { InvalidFields } from "../../../application/accounts/invalid-fields.js"
import type { CodeRejected } from "../../../application/two-factor/two-factor-stream.js"
import type { ProductKeyMalformed } from "../../../domain/licensing/product-key.js"
import type { ChallengeLocked } from "../../../domain/two-factor/two-factor.js"
import { type ProblemMapping, type ProblemTable, retryAfter } from "../shell/problem.js"

/** How the customer API's refusals look on the wire (RFC 9457), by the failure's `_tag`. */
export const customerProblems: ProblemTable = {
  InvalidFields: {
    status: 422,
    slug: "validation-failed",
    title: "Validation failed",
    detail: (error) => `${error.errors.length} invalid field(s); see errors.`,
    extensions: (error) => ({
      errors: error.errors.map((e) => ({ in: "body", field: e.field, reason: e.reason })),
    }),
  } satisfies ProblemMapping<InvalidFields>,
  ProductKeyMalformed: {
    status: 422,
    slug: "product-key-mistyped",
    title: "Product key mistyped",
    detail: (error) =>
      error.reason === "check"
        ? "The key is mistyped: one of its characters is wrong. Check it against the certificate."
        : error.reason === "length"
          ? "The key has the wrong number of characters."
          : "The key contains a character that product keys never use.",
  } satisfies ProblemMapping<ProductKeyMalformed>,
  ProductKeyUnknown: {
    status: 404,
    slug: "product-key-unknown",
    title: "Product key unknown",
    detail: () => "No product key like this one was issued.",
  },
  LicenseAlreadyRegistered: {
    status: 409,
    slug: "license-already-registered",
    title: "Licence already registered",
    detail: () => "This product key is registered to another account.",
  },
  LicenseKeyExpired: {
    status: 409,
    slug: "license-expired",
    title: "Licence expired",
    detail: () => "This product key has expired and can no longer be registered.",
  },
  LoginIdTaken: {
    status: 409,
    slug: "login-id-taken",
    title: "Login ID taken",
    detail: () => "This login ID is already in use; choose another.",
  },
  InvalidCredentials: {
    status: 401,
    slug: "invalid-credentials",
    title: "Login failed",
    detail: () => "The login ID or the password is incorrect.",
  },
  SessionInvalid: {
    status: 401,
    slug: "unauthorized",
    title: "Unauthorized",
    detail: () => "The session has ended or the token is not valid; log in again.",
    headers: () => ({ "www-authenticate": "Bearer" }),
  },
  AccountNotFound: { status: 404, slug: "not-found", title: "Not found" },
  CodeRejected: {
    status: 401,
    slug: "code-rejected",
    title: "Code not accepted",
    detail: (error) =>
      error.attemptsLeft > 0
        ? `The code is wrong or no longer valid; ${error.attemptsLeft} attempt(s) left.`
        : "The code is wrong or no longer valid, and no attempts are left: start again.",
    extensions: (error) => ({ attemptsLeft: error.attemptsLeft }),
  } satisfies ProblemMapping<CodeRejected>,
  PasswordIncorrect: {
    status: 403,
    slug: "password-incorrect",
    title: "Password incorrect",
    detail: () => "The password is not this account's; the change was not made.",
  },
  VerificationRequired: {
    status: 409,
    slug: "verification-required",
    title: "E-mail verification required",
    detail: () => "No verification code is waiting: ask for a new one to be e-mailed.",
  },
  NoEnrollmentInProgress: {
    status: 409,
    slug: "no-enrollment-in-progress",
    title: "No set-up in progress",
    detail: () => "Start the set-up with the e-mailed verification code first.",
  },
  TwoFactorNotEnabled: {
    status: 409,
    slug: "two-factor-not-enabled",
    title: "Two-factor authentication is off",
    detail: () => "Two-factor authentication is not on for this account.",
  },
  ChallengeUnknown: {
    status: 404,
    slug: "challenge-unknown",
    title: "Login challenge unknown",
    detail: () => "This login challenge is unknown, has expired or was already answered: log in again.",
  },
  ChallengeLocked: {
    status: 429,
    slug: "challenge-locked",
    title: "Too many wrong codes",
    detail: (error) => `This login is locked until ${error.until} after too many wrong codes.`,
    headers: (error) => ({ "retry-after": retryAfter((Date.parse(error.until) - Date.now()) / 1000) }),
  } satisfies ProblemMapping<ChallengeLocked>,
  EmergencyCodeNotIssued: {
    status: 409,
    slug: "emergency-code-not-issued",
    title: "No emergency code sent",
    detail: () => "Ask for an emergency access code to be e-mailed for this login first.",
  },
  ResetLinkInvalid: {
    status: 404,
    slug: "reset-link-invalid",
    title: "Reset link invalid",
    detail: () => "This link is unknown, was already used, or has expired. Ask for a new one.",
  },
}
