import { Data, Either } from "effect"
import { type Instant, isBefore, millisBetween, plusMillis } from "../kernel/instant.js"
import { sameDigest } from "../two-factor/same-digest.js"

// Proving that a person reads an e-mail address by a code mailed to it (manual 004, STEP 2, 3–6):
// a code, a countdown before another may be sent, a count of wrong codes, and a new code that
// replaces the old. Pure and free of any stream: the primary user account embeds it, and so will a
// console user's "upgrade your account", each recording the facts below as its own events.

/** How long a code works, how long before another may be sent, and how many wrong codes one takes. */
export interface VerificationPolicy {
  readonly codeTtlMs: number
  /** The manual's screen counts down 168 s before "click here to resend". */
  readonly resendAfterMs: number
  readonly maxAttempts: number
}

export const defaultVerificationPolicy: VerificationPolicy = {
  codeTtlMs: 15 * 60_000,
  resendAfterMs: 168_000,
  maxAttempts: 5,
}

export type Verification =
  | { readonly _tag: "Unverified" }
  | {
      readonly _tag: "CodeSent"
      readonly email: string
      /** The keyed digest of the code; the code itself is only in the mail. */
      readonly codeDigest: string
      readonly expiresAt: Instant
      readonly resendAt: Instant
      readonly attempts: number
    }
  | {
      readonly _tag: "Verified"
      readonly email: string
      /** Kept so that the same code sent again is a repeat, not a refusal. */
      readonly codeDigest: string
      /** The countdown of the code that verified it still holds for a new one (another address). */
      readonly resendAt: Instant
    }

/** What a step of a verification records; the embedding decider wraps each in an event of its own. */
export type VerificationFact =
  | {
      readonly _tag: "CodeIssued"
      readonly email: string
      readonly codeDigest: string
      readonly expiresAt: Instant
      readonly resendAt: Instant
    }
  | { readonly _tag: "CodeRejected"; readonly attempts: number }
  | { readonly _tag: "EmailConfirmed"; readonly email: string }

/** Another code before the countdown ends: the seconds left, for the screen and `Retry-After`. */
export class ResendTooSoon extends Data.TaggedError("ResendTooSoon")<{
  readonly secondsLeft: number
  readonly resendAt: Instant
}> {}
/** No code is waiting for an answer (none was sent, or the address is already verified). */
export class NoVerificationCode extends Data.TaggedError("NoVerificationCode")<{}> {}
export class VerificationCodeExpired extends Data.TaggedError("VerificationCodeExpired")<{}> {}
/** Too many wrong codes: only a new code (after the countdown) can be answered. */
export class VerificationLocked extends Data.TaggedError("VerificationLocked")<{}> {}

export type VerificationError =
  | ResendTooSoon
  | NoVerificationCode
  | VerificationCodeExpired
  | VerificationLocked

export const unverified: Verification = { _tag: "Unverified" }

type Step = Either.Either<ReadonlyArray<VerificationFact>, VerificationError>

/** Whole seconds until another code may be sent; 0 when it may be now. */
export const secondsUntilResend = (verification: Verification, at: Instant): number =>
  verification._tag === "Unverified"
    ? 0
    : Math.max(0, Math.ceil(millisBetween(at, verification.resendAt) / 1000))

/** A code for `email` (the first, another address, or a resend): refused while the countdown runs. */
export const issueCode = (
  verification: Verification,
  command: { readonly email: string; readonly codeDigest: string; readonly at: Instant },
  policy: VerificationPolicy,
): Step => {
  if (verification._tag !== "Unverified" && isBefore(command.at, verification.resendAt)) {
    return Either.left(
      new ResendTooSoon({
        secondsLeft: secondsUntilResend(verification, command.at),
        resendAt: verification.resendAt,
      }),
    )
  }
  return Either.right([
    {
      _tag: "CodeIssued",
      email: command.email,
      codeDigest: command.codeDigest,
      expiresAt: plusMillis(command.at, policy.codeTtlMs),
      resendAt: plusMillis(command.at, policy.resendAfterMs),
    },
  ])
}

/** The address of the code waiting, for a resend to the same address. */
export const pendingEmail = (verification: Verification): string | undefined =>
  verification._tag === "CodeSent" ? verification.email : undefined

/** An answer: counted when wrong, the address confirmed when right; a repeat of the right one changes nothing. */
export const submitCode = (
  verification: Verification,
  command: { readonly codeDigest: string; readonly at: Instant },
  policy: VerificationPolicy,
): Step => {
  if (verification._tag === "Verified") {
    return sameDigest(verification.codeDigest, command.codeDigest)
      ? Either.right([])
      : Either.left(new NoVerificationCode())
  }
  if (verification._tag === "Unverified") return Either.left(new NoVerificationCode())
  if (verification.attempts >= policy.maxAttempts) return Either.left(new VerificationLocked())
  if (!isBefore(command.at, verification.expiresAt)) return Either.left(new VerificationCodeExpired())
  if (!sameDigest(verification.codeDigest, command.codeDigest)) {
    return Either.right([{ _tag: "CodeRejected", attempts: verification.attempts + 1 }])
  }
  return Either.right([{ _tag: "EmailConfirmed", email: verification.email }])
}

/** Attempts left on the code waiting (0 when none is). */
export const attemptsLeft = (verification: Verification, policy: VerificationPolicy): number =>
  verification._tag === "CodeSent" ? Math.max(0, policy.maxAttempts - verification.attempts) : 0

export const evolveVerification = (verification: Verification, fact: VerificationFact): Verification => {
  switch (fact._tag) {
    case "CodeIssued": {
      // A new code replaces the old one, with a fresh count.
      const { _tag, ...issued } = fact
      return { _tag: "CodeSent", ...issued, attempts: 0 }
    }
    case "CodeRejected":
      return verification._tag === "CodeSent" ? { ...verification, attempts: fact.attempts } : verification
    case "EmailConfirmed":
      return verification._tag === "CodeSent"
        ? {
            _tag: "Verified",
            email: fact.email,
            codeDigest: verification.codeDigest,
            resendAt: verification.resendAt,
          }
        : verification
  }
}

/** The embedding stream's own events for the verification's facts (each stream names its own). */
export interface VerificationEvents<E> {
  readonly codeSent: (
    fields: Omit<Extract<VerificationFact, { _tag: "CodeIssued" }>, "_tag"> & { readonly at: Instant },
  ) => E
  readonly codeRejected: (fields: { readonly attempts: number; readonly at: Instant }) => E
  readonly emailVerified: (fields: { readonly email: string; readonly at: Instant }) => E
}

const recordFact = <E>(events: VerificationEvents<E>, fact: VerificationFact, at: Instant): E => {
  switch (fact._tag) {
    case "CodeIssued": {
      const { _tag, ...issued } = fact
      return events.codeSent({ ...issued, at })
    }
    case "CodeRejected":
      return events.codeRejected({ attempts: fact.attempts, at })
    case "EmailConfirmed":
      return events.emailVerified({ email: fact.email, at })
  }
}

/** Records a step's facts as the embedding stream's events, at the command's time. */
export const recordVerification =
  <E>(events: VerificationEvents<E>) =>
  (at: Instant) =>
  (facts: ReadonlyArray<VerificationFact>): ReadonlyArray<E> =>
    facts.map((fact) => recordFact(events, fact, at))
