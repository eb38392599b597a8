import { FastCheck as fc } from "effect"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import {
  type PrimaryUserCommand,
  type PrimaryUserError,
  type PrimaryUserState,
  primaryUserDecider,
} from "../../domain/accounts/primary-user.js"
import type { PrimaryUserEvent } from "../../domain/accounts/primary-user-events.js"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import type { CommandScripts } from "./command-scripts.js"

// Random command sequences for the primary user account, through tests/support/command-scripts.ts:
// a few addresses and digests, and waits of a few seconds to past the countdown or the code's
// expiry. `right` stands for the code waiting (what the user would type from the mail), resolved
// just before the command is decided; the decider still decides everything.

const right = "@right"
const start = Date.UTC(2026, 11, 7, 9, 0, 0)

type Step = { readonly command: PrimaryUserCommand; readonly waitMs: number }

const placeholder = instantFromMillis(0)
const digest = fc.constantFrom("d1", "d2", "d3", right, right)
const fresh = fc.constantFrom("n1", "n2", "n3", "n4")
const email = fc.constantFrom("aaa@test.com", "bbb@test.com")

const command: fc.Arbitrary<PrimaryUserCommand> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("AssignEmail" as const),
      email,
      codeDigest: fresh,
      policy: fc.constant(policy),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("ResendCode" as const),
      codeDigest: fresh,
      policy: fc.constant(policy),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("SubmitCode" as const),
      codeDigest: digest,
      policy: fc.constant(policy),
      at: fc.constant(placeholder),
    }),
  },
  {
    // Runs of wrong codes, so that codes get locked.
    weight: 12,
    arbitrary: fc.record({
      _tag: fc.constant("SubmitCode" as const),
      codeDigest: fc.constant("wrong"),
      policy: fc.constant(policy),
      at: fc.constant(placeholder),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ _tag: fc.constant("Complete" as const), at: fc.constant(placeholder) }),
  },
)

// Mostly seconds apart, sometimes past the countdown, now and then past the code's expiry.
const waitMs = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 100_000, max: 200_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: policy.codeTtlMs - 60_000, max: policy.codeTtlMs + 60_000 }) },
)

const steps = fc.array(fc.record({ command, waitMs }), { minLength: 1, maxLength: 40 })

export const primaryUserScripts: CommandScripts<
  PrimaryUserCommand,
  PrimaryUserState,
  PrimaryUserEvent,
  PrimaryUserError,
  Step,
  "fresh"
> = {
  decider: primaryUserDecider,
  scripts: steps,
  variants: ["fresh"],
  // A completion needs a verified code and then Complete: 300 scripts meet it a few times each run.
  numRuns: 300,
  resolver: () => {
    let clock = start
    return ({ command, waitMs }, state) => {
      clock += waitMs
      const at = instantFromMillis(clock)
      if (command._tag !== "SubmitCode" || command.codeDigest !== right) return { ...command, at }
      const waiting =
        state._tag === "Verifying" && state.verification._tag !== "Unverified"
          ? state.verification.codeDigest
          : "none"
      return { ...command, codeDigest: waiting, at }
    }
  },
}
