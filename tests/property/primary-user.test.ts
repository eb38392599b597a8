import { describe, expect } from "vitest"
import { defaultVerificationPolicy as policy } from "../../domain/accounts/email-verification.js"
import { type Instant, isBefore } from "../../domain/kernel/instant.js"
import { describeCommandScripts } from "../support/command-scripts.js"
import { primaryUserScripts } from "../support/primary-user-scripts.js"

// The primary user account over random command scripts: the countdown always holds, a code works
// only while it is the one waiting (unexpired, not locked), and the account completes once, with
// the address that was verified.

describe("primary user account decider over random command sequences", () => {
  describeCommandScripts(primaryUserScripts, {
    coverage: {
      // A locked code needs five wrong codes in a row on one code: rarer than the rest, so more scripts.
      numRuns: 1000,
      labels: ({ before, events, refusal }) => [
        ...events.map((event) =>
          event._tag === "PrimaryEmailCodeSent" &&
          before._tag === "Verifying" &&
          before.verification._tag === "CodeSent"
            ? "code replaced"
            : event._tag,
        ),
        ...(refusal === undefined ? [] : [`refused:${refusal._tag}`]),
      ],
      required: [
        "PrimaryEmailCodeSent",
        "code replaced",
        "PrimaryEmailCodeRejected",
        "PrimaryEmailVerified",
        "PrimaryUserAccountCompleted",
        "refused:ResendTooSoon",
        "refused:VerificationLocked",
        "refused:VerificationCodeExpired",
        "refused:EmailNotVerified",
      ],
    },
    invariants: {
      "never sends another code before the countdown of the last one ends": (trace) => {
        let resendAt: Instant | undefined
        for (const { command, events, refusal } of trace) {
          for (const event of events) {
            if (event._tag !== "PrimaryEmailCodeSent") continue
            if (resendAt !== undefined) expect(isBefore(command.at, resendAt)).toBe(false)
            resendAt = event.resendAt
          }
          if (refusal?._tag === "ResendTooSoon") {
            expect(resendAt).toBeDefined()
            expect(refusal.secondsLeft).toBeGreaterThan(0)
            expect(refusal.secondsLeft).toBeLessThanOrEqual(policy.resendAfterMs / 1000)
          }
        }
      },

      "verifies only with the latest code, before it expires, within five wrong ones": (trace) => {
        let latest: { digest: string; expiresAt: Instant; wrong: number; email: string } | undefined
        for (const { command, events } of trace) {
          for (const event of events) {
            switch (event._tag) {
              case "PrimaryEmailCodeSent":
                latest = {
                  digest: event.codeDigest,
                  expiresAt: event.expiresAt,
                  wrong: 0,
                  email: event.email,
                }
                break
              case "PrimaryEmailCodeRejected":
                expect(latest).toBeDefined()
                if (latest) latest.wrong++
                expect(event.attempts).toBe(latest?.wrong)
                expect(event.attempts).toBeLessThanOrEqual(policy.maxAttempts)
                break
              case "PrimaryEmailVerified":
                expect(command).toMatchObject({ _tag: "SubmitCode", codeDigest: latest?.digest })
                expect(latest && isBefore(command.at, latest.expiresAt)).toBe(true)
                expect(latest?.wrong ?? Number.POSITIVE_INFINITY).toBeLessThan(policy.maxAttempts)
                expect(event.email).toBe(latest?.email)
                break
              default:
                break
            }
          }
        }
      },

      "completes at most once, only after the address it completes with was verified": (trace) => {
        let verifiedEmail: string | undefined
        let completions = 0
        for (const { events } of trace) {
          for (const event of events) {
            if (event._tag === "PrimaryEmailCodeSent") verifiedEmail = undefined
            if (event._tag === "PrimaryEmailVerified") verifiedEmail = event.email
            if (event._tag === "PrimaryUserAccountCompleted") {
              completions++
              expect(event.email).toBe(verifiedEmail)
            }
          }
        }
        expect(completions).toBeLessThanOrEqual(1)
      },
    },
  })
})
