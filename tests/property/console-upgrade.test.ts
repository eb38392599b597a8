import { describe, expect } from "vitest"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import { type Instant, isBefore } from "../../domain/kernel/instant.js"
import { describeCommandScripts } from "../support/command-scripts.js"
import { consoleUpgradeScripts } from "../support/console-upgrade-scripts.js"

// A console user's upgrade over random command scripts: nothing is recorded for a user of an
// instance not updated or a user the instance does not have; the countdown holds; a code works only
// while it is the one waiting; the user upgrades once, with the verified address, never to an
// address another console user of the instance has.

describe("console user upgrade decider over random command sequences", () => {
  describeCommandScripts(consoleUpgradeScripts, {
    coverage: {
      numRuns: 1000,
      labels: ({ before, events, refusal }) => [
        ...events.map((event) =>
          event._tag === "ConsoleUpgradeCodeSent" &&
          before._tag === "Verifying" &&
          before.verification._tag === "CodeSent"
            ? "code replaced"
            : event._tag,
        ),
        ...(refusal === undefined ? [] : [`refused:${refusal._tag}`]),
      ],
      required: [
        "ConsoleUpgradeCodeSent",
        "code replaced",
        "ConsoleUpgradeCodeRejected",
        "ConsoleUpgradeEmailVerified",
        "ConsoleUserUpgraded",
        "refused:InstanceNotUpdated",
        "refused:ConsoleUserUnknown",
        "refused:ConsoleUserAlreadyUpgraded",
        "refused:ConsoleEmailTaken",
        "refused:ResendTooSoon",
        "refused:VerificationLocked",
        "refused:VerificationCodeExpired",
        "refused:UpgradeEmailNotVerified",
      ],
    },
    invariants: {
      "records nothing for an instance not updated or a user it does not have": (trace) => {
        for (const { command, events } of trace) {
          if (!command.user.instanceUpdated || !command.user.known) expect(events).toEqual([])
        }
      },

      "never sends another code before the countdown of the last one ends": (trace) => {
        let resendAt: Instant | undefined
        for (const { command, events, refusal } of trace) {
          for (const event of events) {
            if (event._tag !== "ConsoleUpgradeCodeSent") continue
            if (resendAt !== undefined) expect(isBefore(command.at, resendAt)).toBe(false)
            resendAt = event.resendAt
          }
          if (refusal?._tag === "ResendTooSoon") {
            expect(refusal.secondsLeft).toBeGreaterThan(0)
            expect(refusal.secondsLeft).toBeLessThanOrEqual(policy.resendAfterMs / 1000)
          }
        }
      },

      "verifies only with the latest code, before it expires, within five wrong ones": (trace) => {
        let latest: { digest: string; expiresAt: Instant; wrong: number } | undefined
        for (const { command, events } of trace) {
          for (const event of events) {
            if (event._tag === "ConsoleUpgradeCodeSent")
              latest = { digest: event.codeDigest, expiresAt: event.expiresAt, wrong: 0 }
            if (event._tag === "ConsoleUpgradeCodeRejected" && latest) latest.wrong++
            if (event._tag === "ConsoleUpgradeEmailVerified") {
              expect(command).toMatchObject({ _tag: "SubmitCode", codeDigest: latest?.digest })
              expect(latest && isBefore(command.at, latest.expiresAt)).toBe(true)
              expect(latest?.wrong ?? Number.POSITIVE_INFINITY).toBeLessThan(policy.maxAttempts)
            }
          }
        }
      },

      "upgrades at most once, with the verified address, never one another user has": (trace) => {
        let verifiedEmail: string | undefined
        let upgrades = 0
        for (const { command, events } of trace) {
          for (const event of events) {
            if (event._tag === "ConsoleUpgradeCodeSent") verifiedEmail = undefined
            if (event._tag === "ConsoleUpgradeEmailVerified") verifiedEmail = event.email
            if (event._tag === "ConsoleUserUpgraded") {
              upgrades++
              expect(event.email).toBe(verifiedEmail)
              expect(command.user.emailsOfOthers).not.toContain(event.email)
            }
          }
        }
        expect(upgrades).toBeLessThanOrEqual(1)
      },
    },
  })
})
