import { Data, Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { Instant } from "../kernel/instant.js"
import {
  evolveVerification,
  issueCode,
  NoVerificationCode,
  pendingEmail,
  recordVerification,
  submitCode,
  unverified,
  type Verification,
  type VerificationError,
  type VerificationFact,
  type VerificationPolicy,
} from "./email-verification.js"
import {
  PrimaryEmailCodeRejected,
  PrimaryEmailCodeSent,
  PrimaryEmailVerified,
  PrimaryUserAccountCompleted,
  type PrimaryUserEvent,
} from "./primary-user-events.js"

// A business account's primary user account (manual 004, STEP 2, 3–9): an address verified by a
// mailed code, then the password updated, after which the address is the account's sign-in name.
// Its own stream, so that the codes and their countdown stay out of the account's stream (see
// docs/decisions.md); the change of sign-in name itself is recorded on the account's stream.

export const primaryUserStreamId = (accountId: string) => `primary-user-${accountId}`

export type PrimaryUserState =
  | { readonly _tag: "NotStarted" }
  | { readonly _tag: "Verifying"; readonly verification: Verification }
  | { readonly _tag: "Completed"; readonly email: string }

export type PrimaryUserCommand =
  | {
      readonly _tag: "AssignEmail"
      readonly email: string
      readonly codeDigest: string
      readonly policy: VerificationPolicy
      readonly at: Instant
    }
  | {
      readonly _tag: "ResendCode"
      readonly codeDigest: string
      readonly policy: VerificationPolicy
      readonly at: Instant
    }
  | {
      readonly _tag: "SubmitCode"
      readonly codeDigest: string
      readonly policy: VerificationPolicy
      readonly at: Instant
    }
  | { readonly _tag: "Complete"; readonly at: Instant }

/** The account signs in with its primary user account already: there is nothing left to assign. */
export class PrimaryUserAccountAlreadyAssigned extends Data.TaggedError("PrimaryUserAccountAlreadyAssigned")<{
  readonly email: string
}> {}
/** The password update comes after the address is verified. */
export class EmailNotVerified extends Data.TaggedError("EmailNotVerified")<{}> {}

export type PrimaryUserError = VerificationError | PrimaryUserAccountAlreadyAssigned | EmailNotVerified

type Decision = Either.Either<ReadonlyArray<PrimaryUserEvent>, PrimaryUserError>

const recorded = recordVerification<PrimaryUserEvent>({
  codeSent: (fields) => PrimaryEmailCodeSent.make(fields),
  codeRejected: (fields) => PrimaryEmailCodeRejected.make(fields),
  emailVerified: (fields) => PrimaryEmailVerified.make(fields),
})

const verificationOf = (state: PrimaryUserState): Verification =>
  state._tag === "Verifying" ? state.verification : unverified

const decide = (command: PrimaryUserCommand, state: PrimaryUserState): Decision => {
  if (state._tag === "Completed") {
    return command._tag === "Complete"
      ? Either.right([])
      : Either.left(new PrimaryUserAccountAlreadyAssigned({ email: state.email }))
  }
  const verification = verificationOf(state)
  const { at } = command
  switch (command._tag) {
    case "AssignEmail":
      return Either.map(issueCode(verification, command, command.policy), recorded(at))
    case "ResendCode": {
      const email = pendingEmail(verification)
      if (email === undefined) return Either.left(new NoVerificationCode())
      return Either.map(issueCode(verification, { ...command, email }, command.policy), recorded(at))
    }
    case "SubmitCode":
      return Either.map(submitCode(verification, command, command.policy), recorded(at))
    case "Complete":
      return verification._tag === "Verified"
        ? Either.right([PrimaryUserAccountCompleted.make({ email: verification.email, at })])
        : Either.left(new EmailNotVerified())
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}

const evolve = (state: PrimaryUserState, event: PrimaryUserEvent): PrimaryUserState => {
  const verifying = (fact: VerificationFact): PrimaryUserState => ({
    _tag: "Verifying",
    verification: evolveVerification(verificationOf(state), fact),
  })
  switch (event._tag) {
    case "PrimaryEmailCodeSent": {
      const { _tag, at, ...issued } = event
      return verifying({ _tag: "CodeIssued", ...issued })
    }
    case "PrimaryEmailCodeRejected":
      return verifying({ _tag: "CodeRejected", attempts: event.attempts })
    case "PrimaryEmailVerified":
      return verifying({ _tag: "EmailConfirmed", email: event.email })
    case "PrimaryUserAccountCompleted":
      return { _tag: "Completed", email: event.email }
  }
}

export const primaryUserDecider: Decider<
  PrimaryUserCommand,
  PrimaryUserState,
  PrimaryUserEvent,
  PrimaryUserError
> = {
  initialState: { _tag: "NotStarted" },
  decide,
  evolve,
  isTerminal: (state) => state._tag === "Completed",
}

export const primaryUserCodec = makeEventCodec({
  PrimaryEmailCodeSent: { schema: PrimaryEmailCodeSent },
  PrimaryEmailCodeRejected: { schema: PrimaryEmailCodeRejected },
  PrimaryEmailVerified: { schema: PrimaryEmailVerified },
  PrimaryUserAccountCompleted: { schema: PrimaryUserAccountCompleted },
})

export const primaryUser = { decider: primaryUserDecider, codec: primaryUserCodec }
