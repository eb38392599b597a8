import type { InvalidFields } from "../../../application/accounts/invalid-fields.js"
import type { ProblemMapping } from "../shell/problem.js"
import { validationFailed } from "../shell/request-errors.js"

/** Rules the schemas cannot check alone (the password policy): reported like a 422 of the shell. */
export const invalidFieldsProblem = {
  ...validationFailed,
  extensions: (error) => ({
    errors: error.errors.map((e) => ({ in: "body", field: e.field, reason: e.reason })),
  }),
} satisfies ProblemMapping<InvalidFields>

/** A reset link that opens nothing, whichever layer found it so. */
export const resetLinkInvalid = {
  status: 404,
  slug: "reset-link-invalid",
  title: "Reset link invalid",
  detail: () => "This link is unknown, was already used, or has expired. Ask for a new one.",
}

/** The account decider's refusals. Only a missing account is expected from a request; the others are mapped for what they are. */
export const accountProblems = {
  AccountNotFound: { status: 404, slug: "not-found", title: "Not found" },
  AccountAlreadyExists: {
    status: 409,
    slug: "conflict",
    title: "Conflict",
    detail: () => "This account exists already.",
  },
  PasswordResetLinkInvalid: resetLinkInvalid,
  NotABusinessAccount: {
    status: 409,
    slug: "not-a-business-account",
    title: "Not a business account",
    detail: () =>
      "A personal account has no company, support contact or user form; its e-mail address and password are its details.",
  },
}

export const loginIdProblems = {
  LoginIdTaken: {
    status: 409,
    slug: "login-id-taken",
    title: "Login ID taken",
    detail: () => "This login ID is already in use; choose another.",
  },
}

export const personalRegistrationProblems = {
  EmailTaken: {
    status: 409,
    slug: "email-taken",
    title: "E-mail address taken",
    detail: () => "This address already signs in to an account; sign in, or reset its password.",
  },
  ProductNotForPersonalAccounts: {
    status: 422,
    slug: "product-not-for-personal-accounts",
    title: "Not a consumer product's key",
    detail: () => "This key is for a business product: register it with a company (POST /v1/accounts).",
    extensions: (error: { readonly productId: string }) => ({ productId: error.productId }),
  },
}
