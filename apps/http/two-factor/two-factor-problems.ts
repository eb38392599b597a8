import { Data } from "effect"
import { challengeLockPolicy } from "../../../application/two-factor/two-factor-codes.js"
import type { CodeRejected } from "../../../application/two-factor/two-factor-stream.js"
import type { ChallengeLocked } from "../../../domain/two-factor/two-factor.js"
import type { ProblemMapping } from "../shell/problem.js"
import { refusalHeaders } from "../shell/rate-limit-fields.js"

/** The 2FA decider's refusals: every use case that runs it (logins, password changes) can meet them. */
export const twoFactorRefusals = {
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
    headers: (error) =>
      refusalHeaders(challengeLockPolicy.name, (Date.parse(error.until) - Date.now()) / 1000),
  } satisfies ProblemMapping<ChallengeLocked>,
  EmergencyCodeNotIssued: {
    status: 409,
    slug: "emergency-code-not-issued",
    title: "No emergency code sent",
    detail: () => "Ask for an emergency access code to be e-mailed for this login first.",
  },
}

/** A login challenge refused a code: the login's credentials were not accepted. */
export class LoginCodeRejected extends Data.TaggedError("LoginCodeRejected")<{
  readonly attemptsLeft: number
}> {}

const codeRejected = (status: 401 | 403) => ({
  status,
  slug: "code-rejected",
  title: "Code not accepted",
  detail: (error: { readonly attemptsLeft: number }) =>
    error.attemptsLeft > 0
      ? `The code is wrong or no longer valid; ${error.attemptsLeft} attempt(s) left.`
      : "The code is wrong or no longer valid, and no attempts are left: start again.",
  extensions: (error: { readonly attemptsLeft: number }) => ({ attemptsLeft: error.attemptsLeft }),
})

/** How the refusals of 2FA set-up, settings and login challenges look on the wire. */
export const twoFactorProblems = {
  ...twoFactorRefusals,
  // A wrong code on a signed-in route is no reason to sign out, which is what clients take a 401 for:
  // 403, as for a wrong password given to confirm a change. (A login's challenge has no session: 401.)
  CodeRejected: { ...codeRejected(403) } satisfies ProblemMapping<CodeRejected>,
  LoginCodeRejected: { ...codeRejected(401) } satisfies ProblemMapping<LoginCodeRejected>,
  PasswordIncorrect: {
    status: 403,
    slug: "password-incorrect",
    title: "Password incorrect",
    detail: () => "The password is not this account's; the change was not made.",
  },
}
