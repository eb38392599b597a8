import { Data, Either } from "effect"
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
} from "../accounts/email-verification.js"
import { loginIdKey } from "../accounts/login-id.js"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { Instant } from "../kernel/instant.js"
import {
  ConsoleUpgradeCodeRejected,
  ConsoleUpgradeCodeSent,
  ConsoleUpgradeEmailVerified,
  type ConsoleUpgradeEvent,
  ConsoleUserUpgraded,
} from "./console-upgrade-events.js"

// A console user's "upgrade your account" at the next sign-in after the update (manual 004, STEP 3
// end): an address verified by a mailed code (email-verification.ts, as the primary user account
// does it), then a password, after which the user is an e-mail user account. Its own stream per
// user, not the instance's: the instance's stream is closed once it is switched (isTerminal), and
// the codes and countdowns of many users would crowd its timeline (docs/decisions.md, 63).

export const consoleUpgradeStreamId = (instanceId: string, userName: string) =>
  `console-user-${instanceId}-${userName}`

/** What the instance tells about the user, read from its stream when the command is made. */
export interface ConsoleUserFacts {
  /** The instance is connected as Standard Endpoint Protection: its users must upgrade. */
  readonly instanceUpdated: boolean
  /** The user name is one of the instance's console users. */
  readonly known: boolean
  /** The addresses the instance's other console users upgraded to. */
  readonly emailsOfOthers: ReadonlyArray<string>
}

export type ConsoleUpgradeState =
  | { readonly _tag: "NotStarted" }
  | { readonly _tag: "Verifying"; readonly verification: Verification }
  | { readonly _tag: "Upgraded"; readonly email: string; readonly passwordHash: string }

interface Facts {
  readonly user: ConsoleUserFacts
  readonly at: Instant
}
interface Coded extends Facts {
  readonly codeDigest: string
  readonly policy: VerificationPolicy
}

export type ConsoleUpgradeCommand =
  /** The console's sign-in with the old user name: allowed only to lead to the upgrade. */
  | (Facts & { readonly _tag: "SignInWithUserName" })
  | (Coded & { readonly _tag: "AssignEmail"; readonly email: string })
  | (Coded & { readonly _tag: "ResendCode" })
  | (Coded & { readonly _tag: "SubmitCode" })
  | (Facts & { readonly _tag: "Complete"; readonly passwordHash: string })

/** The instance is not updated yet: its users sign in as before, and there is nothing to upgrade. */
export class InstanceNotUpdated extends Data.TaggedError("InstanceNotUpdated")<{}> {}
export class ConsoleUserUnknown extends Data.TaggedError("ConsoleUserUnknown")<{}> {}
/** The user is an e-mail user account already: the old user name signs in no more. */
export class ConsoleUserAlreadyUpgraded extends Data.TaggedError("ConsoleUserAlreadyUpgraded")<{}> {}
/** Another console user of the instance upgraded to this address. */
export class ConsoleEmailTaken extends Data.TaggedError("ConsoleEmailTaken")<{}> {}
/** The password comes after the address is verified. */
export class UpgradeEmailNotVerified extends Data.TaggedError("UpgradeEmailNotVerified")<{}> {}

export type ConsoleUpgradeError =
  | VerificationError
  | InstanceNotUpdated
  | ConsoleUserUnknown
  | ConsoleUserAlreadyUpgraded
  | ConsoleEmailTaken
  | UpgradeEmailNotVerified

type Decision = Either.Either<ReadonlyArray<ConsoleUpgradeEvent>, ConsoleUpgradeError>

const recorded = recordVerification<ConsoleUpgradeEvent>({
  codeSent: (fields) => ConsoleUpgradeCodeSent.make(fields),
  codeRejected: (fields) => ConsoleUpgradeCodeRejected.make(fields),
  emailVerified: (fields) => ConsoleUpgradeEmailVerified.make(fields),
})

const verificationOf = (state: ConsoleUpgradeState): Verification =>
  state._tag === "Verifying" ? state.verification : unverified

const takenByOther = (user: ConsoleUserFacts, email: string) =>
  user.emailsOfOthers.some((other) => loginIdKey(other) === loginIdKey(email))

/** Who may upgrade at all: a known user of an updated instance, not upgraded yet. */
const standing = (
  command: ConsoleUpgradeCommand,
  state: ConsoleUpgradeState,
): Either.Either<Verification, ConsoleUpgradeError> => {
  if (!command.user.instanceUpdated) return Either.left(new InstanceNotUpdated())
  if (!command.user.known) return Either.left(new ConsoleUserUnknown())
  if (state._tag === "Upgraded") return Either.left(new ConsoleUserAlreadyUpgraded())
  return Either.right(verificationOf(state))
}

const decide = (command: ConsoleUpgradeCommand, state: ConsoleUpgradeState): Decision => {
  // Completing again is a repeat (a retried request), not a refusal.
  if (command._tag === "Complete" && state._tag === "Upgraded") return Either.right([])
  const allowed = standing(command, state)
  if (Either.isLeft(allowed)) return Either.left(allowed.left)
  const verification = allowed.right
  const { at } = command
  switch (command._tag) {
    case "SignInWithUserName":
      return Either.right([])
    case "AssignEmail":
      if (takenByOther(command.user, command.email)) return Either.left(new ConsoleEmailTaken())
      return Either.map(issueCode(verification, command, command.policy), recorded(at))
    case "ResendCode": {
      const email = pendingEmail(verification)
      if (email === undefined) return Either.left(new NoVerificationCode())
      return Either.map(issueCode(verification, { ...command, email }, command.policy), recorded(at))
    }
    case "SubmitCode":
      return Either.map(submitCode(verification, command, command.policy), recorded(at))
    case "Complete":
      if (verification._tag !== "Verified") return Either.left(new UpgradeEmailNotVerified())
      // Checked again: another user may have upgraded to it while this one was verifying.
      if (takenByOther(command.user, verification.email)) return Either.left(new ConsoleEmailTaken())
      return Either.right([
        ConsoleUserUpgraded.make({ email: verification.email, passwordHash: command.passwordHash, at }),
      ])
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}

const evolve = (state: ConsoleUpgradeState, event: ConsoleUpgradeEvent): ConsoleUpgradeState => {
  const verifying = (fact: VerificationFact): ConsoleUpgradeState => ({
    _tag: "Verifying",
    verification: evolveVerification(verificationOf(state), fact),
  })
  switch (event._tag) {
    case "ConsoleUpgradeCodeSent": {
      const { _tag, at, ...issued } = event
      return verifying({ _tag: "CodeIssued", ...issued })
    }
    case "ConsoleUpgradeCodeRejected":
      return verifying({ _tag: "CodeRejected", attempts: event.attempts })
    case "ConsoleUpgradeEmailVerified":
      return verifying({ _tag: "EmailConfirmed", email: event.email })
    case "ConsoleUserUpgraded":
      return { _tag: "Upgraded", email: event.email, passwordHash: event.passwordHash }
  }
}

export const consoleUpgradeDecider: Decider<
  ConsoleUpgradeCommand,
  ConsoleUpgradeState,
  ConsoleUpgradeEvent,
  ConsoleUpgradeError
> = {
  initialState: { _tag: "NotStarted" },
  decide,
  evolve,
  isTerminal: (state) => state._tag === "Upgraded",
}

export const consoleUpgradeCodec = makeEventCodec({
  ConsoleUpgradeCodeSent: { schema: ConsoleUpgradeCodeSent },
  ConsoleUpgradeCodeRejected: { schema: ConsoleUpgradeCodeRejected },
  ConsoleUpgradeEmailVerified: { schema: ConsoleUpgradeEmailVerified },
  ConsoleUserUpgraded: { schema: ConsoleUserUpgraded },
})

export const consoleUpgrade = { decider: consoleUpgradeDecider, codec: consoleUpgradeCodec }
