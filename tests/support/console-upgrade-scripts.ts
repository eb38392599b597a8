import { FastCheck as fc } from "effect"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import {
  type ConsoleUpgradeCommand,
  type ConsoleUpgradeError,
  type ConsoleUpgradeState,
  type ConsoleUserFacts,
  consoleUpgradeDecider,
} from "../../domain/instances/console-upgrade.js"
import type { ConsoleUpgradeEvent } from "../../domain/instances/console-upgrade-events.js"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import type { CommandScripts } from "./command-scripts.js"

// Random command sequences for a console user's upgrade, through tests/support/command-scripts.ts:
// what the instance tells (updated or not, the user known, another user's address) drawn per
// command, a few addresses and digests, waits to past the countdown or the code's expiry. `right`
// stands for the code waiting, resolved just before the command is decided.

const right = "@right"
const start = Date.UTC(2026, 11, 7, 9, 0, 0)

type Step = { readonly command: ConsoleUpgradeCommand; readonly waitMs: number }

const placeholder = instantFromMillis(0)
const email = fc.constantFrom("aaa@test.com", "bbb@test.com")
const user: fc.Arbitrary<ConsoleUserFacts> = fc.record({
  instanceUpdated: fc.oneof(
    { weight: 12, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  known: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  emailsOfOthers: fc.oneof(
    { weight: 8, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant(["bbb@test.com"]) },
  ),
})
const common = { user, policy: fc.constant(policy), at: fc.constant(placeholder) }

const command: fc.Arbitrary<ConsoleUpgradeCommand> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant("SignInWithUserName" as const), user, at: common.at }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("AssignEmail" as const),
      email,
      codeDigest: fc.constantFrom("n1", "n2", "n3"),
      ...common,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("ResendCode" as const),
      codeDigest: fc.constantFrom("n4", "n5"),
      ...common,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("SubmitCode" as const),
      codeDigest: fc.constantFrom("d1", right),
      ...common,
    }),
  },
  {
    // Runs of wrong codes, so that codes get locked.
    weight: 12,
    arbitrary: fc.record({
      _tag: fc.constant("SubmitCode" as const),
      codeDigest: fc.constant("wrong"),
      ...common,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Complete" as const),
      user,
      passwordHash: fc.constantFrom("$h1", "$h2"),
      at: common.at,
    }),
  },
)

const waitMs = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 30_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: 100_000, max: 200_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: policy.codeTtlMs - 60_000, max: policy.codeTtlMs + 60_000 }) },
)

export const consoleUpgradeScripts: CommandScripts<
  ConsoleUpgradeCommand,
  ConsoleUpgradeState,
  ConsoleUpgradeEvent,
  ConsoleUpgradeError,
  Step,
  "fresh"
> = {
  decider: consoleUpgradeDecider,
  scripts: fc.array(fc.record({ command, waitMs }), { minLength: 1, maxLength: 60 }),
  variants: ["fresh"],
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
