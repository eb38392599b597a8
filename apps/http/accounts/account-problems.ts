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
}

export const loginIdProblems = {
  LoginIdTaken: {
    status: 409,
    slug: "login-id-taken",
    title: "Login ID taken",
    detail: () => "This login ID is already in use; choose another.",
  },
}
