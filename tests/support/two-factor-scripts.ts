import { FastCheck as fc } from "effect"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import {
  deviceInUse,
  type TwoFactorCommand,
  type TwoFactorError,
  type TwoFactorState,
  twoFactorDecider,
} from "../../domain/two-factor/two-factor.js"
import type { TwoFactorEvent } from "../../domain/two-factor/two-factor-events.js"
import type { CommandScripts } from "./command-scripts.js"

// Random command sequences over a few digests, enrollment ids, challenge keys and steps, at times
// moving forward by 0 to 20 minutes, through the harness in tests/support/command-scripts.ts.
//
// Left to chance, a sequence seldom types the right e-mail code and then the right enrollment id, so
// the pools also hold "the right one": `right` for a digest, an enrollment id or a challenge key,
// `nextStep` for a step (and `lastStep`: the code used last time, typed again). Just before a
// command is decided they become what the user would have to type then (the waiting e-mail code,
// the pending enrollment, the issued emergency code, an unused recovery code, the step after the
// last one used, the latest challenge issued); the decider still decides everything.

const minute = 60_000
const start = Date.UTC(2026, 0, 10, 9, 0, 0)

const right = "@right"
const nextStep = -1
const lastStep = -2
const digest = fc.constantFrom("d1", "d2", "d3", right)
const enrollmentId = fc.constantFrom("e1", "e2", right)
const challengeKey = fc.constantFrom("k1", "k2", "k3", right, right)
const step = fc.option(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(nextStep, lastStep)), {
  nil: undefined,
  freq: 4,
})
const recoveryCodes = fc.subarray(["r1", "r2", "r3"])
const sealedSecret = fc.nat(999).map((n) => `sealed:${n}`)
const placeholder = fc.constant(instantFromMillis(0))

const command: fc.Arbitrary<TwoFactorCommand> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("SendVerification" as const),
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("StartEnrollment" as const),
      codeDigest: digest,
      enrollmentId,
      sealedSecret,
      at: placeholder,
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("Activate" as const),
      enrollmentId,
      step,
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  {
    // A code from the app that matches nothing, for the set-up waiting: with repeats, set-ups run
    // out of tries.
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Activate" as const),
      enrollmentId: fc.constant(right),
      step: fc.constant(undefined),
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("Disable" as const),
      by: fc.constant({ kind: "customer" as const, id: "acc-1" }),
      at: placeholder,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("IssueRecoveryCodes" as const),
      recoveryCodeDigests: recoveryCodes,
      at: placeholder,
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("DismissReminder" as const), at: placeholder }) },
  {
    weight: 8,
    arbitrary: fc.record({ _tag: fc.constant("IssueChallenge" as const), challengeKey, at: placeholder }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerTotp" as const),
      challengeKey,
      enrollmentId,
      step,
      at: placeholder,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      _tag: fc.constant("IssueEmergencyCode" as const),
      challengeKey,
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerEmergency" as const),
      challengeKey,
      codeDigest: digest,
      at: placeholder,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("AnswerRecovery" as const),
      challengeKey,
      codeDigest: fc.constantFrom("r1", "r2", "r3", "d1", right),
      at: placeholder,
    }),
  },
)

/** Mostly short pauses, sometimes long ones; never backwards, never more than 20 minutes. */
const gap = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: minute / 2 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 * minute }) },
)

/** Now and then the same command several times in a row, so wrong codes reach their limits. */
const times = fc.oneof(
  { weight: 4, arbitrary: fc.constant(1) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) },
)

/** Half of the sequences start by enabling 2FA the straight way, so the rest has more to work on. */
const unset = instantFromMillis(0)
const enableFirst: ReadonlyArray<Step> = [
  { gap: 0, command: { _tag: "SendVerification", codeDigest: "d1", at: unset } },
  {
    gap: 0,
    command: {
      _tag: "StartEnrollment",
      codeDigest: "d1",
      enrollmentId: "e1",
      sealedSecret: "sealed:0",
      at: unset,
    },
  },
  {
    gap: 0,
    command: { _tag: "Activate", enrollmentId: "e1", step: 0, recoveryCodeDigests: ["r1", "r2"], at: unset },
  },
]

const script = fc
  .tuple(fc.boolean(), fc.array(fc.record({ gap, command, times }), { maxLength: 100, size: "max" }))
  .map(([enabled, steps]) => [
    ...(enabled ? enableFirst : []),
    ...steps.flatMap(({ gap, command, times }) =>
      Array.from({ length: times }, (_, i) => ({ gap: i === 0 ? gap : 0, command })),
    ),
  ])

type Step = { readonly gap: number; readonly command: TwoFactorCommand }

/**
 * "pool": challenge keys are used as generated, so a key may be issued again.
 * "fresh": every IssueChallenge gets a key never issued before (as the application's random ids do),
 * and the other challenge commands refer to the latest key issued from the same pool name.
 */
type KeyMode = "pool" | "fresh"

/** Turns `right` and `nextStep` into what the user would have to type in this state. */
const resolve = (command: TwoFactorCommand, state: TwoFactorState): TwoFactorCommand => {
  const device = deviceInUse(state)
  const next = (s: number | undefined) =>
    s === nextStep ? (device?.lastStep ?? -1) + 1 : s === lastStep ? (device?.lastStep ?? 0) : s
  const setUp = state.factor.setUp
  const challenges = state.factor._tag === "On" ? state.factor.challenges : []
  switch (command._tag) {
    case "StartEnrollment":
      return command.codeDigest === right
        ? {
            ...command,
            codeDigest: state.emailCode._tag === "EmailCodeSent" ? state.emailCode.digest : "d1",
          }
        : command
    case "Activate":
      return {
        ...command,
        enrollmentId:
          command.enrollmentId === right
            ? setUp._tag === "SecretPending"
              ? setUp.enrollmentId
              : "e1"
            : command.enrollmentId,
        step: next(command.step),
      }
    case "AnswerTotp":
      return {
        ...command,
        enrollmentId: command.enrollmentId === right ? (device?.enrollmentId ?? "e1") : command.enrollmentId,
        step: next(command.step),
      }
    case "IssueEmergencyCode":
      return command.codeDigest === right ? { ...command, codeDigest: "d1" } : command
    case "AnswerEmergency": {
      const issued = challenges.find((c) => c.key === command.challengeKey)?.emergency
      const digest = issued?._tag === "EmergencyCodeIssued" ? issued.digest : "d1"
      return command.codeDigest === right ? { ...command, codeDigest: digest } : command
    }
    case "AnswerRecovery": {
      const unused = state.factor._tag === "On" ? state.factor.unusedRecoveryCodes[0] : undefined
      return command.codeDigest === right ? { ...command, codeDigest: unused ?? "r1" } : command
    }
    case "SendVerification":
      return command.codeDigest === right ? { ...command, codeDigest: "d1" } : command
    default:
      return command
  }
}

/** Each run keeps its own clock and the challenge keys issued so far. */
const resolver = (mode: KeyMode) => {
  let now = start
  const issued = new Map<string, number>()
  let latestKey = "k1"
  return ({ gap, command: generated }: Step, state: TwoFactorState): TwoFactorCommand => {
    now += gap
    let command: TwoFactorCommand = { ...generated, at: instantFromMillis(now) }
    if ("challengeKey" in command) {
      let key = command.challengeKey
      if (command._tag === "IssueChallenge") {
        const name = key === right ? "k1" : key
        const count = (issued.get(name) ?? 0) + 1
        issued.set(name, count)
        key = mode === "fresh" ? `${name}#${count}` : name
        latestKey = key
      } else if (key === right) {
        key = latestKey
      } else if (mode === "fresh") {
        key = `${key}#${issued.get(key) ?? 0}`
      }
      command = { ...command, challengeKey: key }
    }
    return resolve(command, state)
  }
}

/** Scripts of 2FA commands, with the resolver that fills them in, under both key modes. */
export const twoFactorScripts: CommandScripts<
  TwoFactorCommand,
  TwoFactorState,
  TwoFactorEvent,
  TwoFactorError,
  Step,
  KeyMode
> = {
  decider: twoFactorDecider,
  scripts: script,
  resolver,
  variants: ["pool", "fresh"],
}
