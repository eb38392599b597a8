import { resendCountdownPolicy } from "../../../application/accounts/primary-user-account.js"
import type { ResendTooSoon } from "../../../domain/accounts/email-verification.js"
import type { PrimaryUserAccountAlreadyAssigned } from "../../../domain/accounts/primary-user.js"
import type { ProblemMapping } from "../shell/problem.js"
import { refusalHeaders } from "../shell/rate-limit-fields.js"

/** The refusals of an e-mail verification (the primary user account's, and later a console user's upgrade). */
export const emailVerificationProblems = {
  ResendTooSoon: {
    status: 429,
    slug: "resend-too-soon",
    title: "Too soon for another code",
    detail: (error) => `Another code can be sent in ${error.secondsLeft} seconds.`,
    extensions: (error) => ({ secondsLeft: error.secondsLeft, resendAt: error.resendAt }),
    // The seconds the decider counted, not the time of the answer: the screen counts down from them.
    headers: (error) => refusalHeaders(resendCountdownPolicy.name, error.secondsLeft),
  } satisfies ProblemMapping<ResendTooSoon>,
  NoVerificationCode: {
    status: 409,
    slug: "no-verification-code",
    title: "No code waiting",
    detail: () => "No verification code is waiting for an answer: assign the address (again) first.",
  },
  VerificationCodeExpired: {
    status: 409,
    slug: "verification-code-expired",
    title: "Verification code expired",
    detail: () => "The code has expired: ask for a new one.",
  },
  VerificationLocked: {
    status: 409,
    slug: "verification-locked",
    title: "Too many wrong codes",
    detail: () => "Too many wrong codes were entered for this code: ask for a new one.",
  },
}

export const primaryUserProblems = {
  ...emailVerificationProblems,
  EmailNotVerified: {
    status: 409,
    slug: "email-not-verified",
    title: "E-mail address not verified",
    detail: () =>
      "Verify the primary user account's address with the mailed code before updating the password.",
  },
  PrimaryUserAccountAlreadyAssigned: {
    status: 409,
    slug: "primary-user-account-assigned",
    title: "Primary user account assigned",
    detail: () => "This account already signs in with its primary user account's address.",
    extensions: (error) => ({ email: error.email }),
  } satisfies ProblemMapping<PrimaryUserAccountAlreadyAssigned>,
}
