import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import {
  deviceInUse,
  enrollmentsInUse,
  isSetUpInProgress,
  isTwoFactorOn,
  recoveryCodesLeft,
  twoFactorCodec,
  twoFactorDecider,
} from "../../domain/two-factor/two-factor.js"

// Streams as the log holds them from before the decider kept its limits in `decide`: schema
// version 1 data, written by `toISOString()`, with erased rows (data null) skipped as the command
// runner skips them. They must decode and mean what they meant.

/** As stored: `toISOString()` text. */
const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 9, minute)).toISOString()
const instant = (minute: number) => instantFromMillis(Date.UTC(2026, 0, 10, 9, minute))
type Row = readonly [type: string, data: Record<string, unknown> | null]

const stored = (rows: ReadonlyArray<Row>) =>
  fold(twoFactorDecider)(
    rows
      .filter(([, data]) => data !== null)
      .map(([type, data]) => Either.getOrThrow(twoFactorCodec.decode(type, 1, data))),
  )

const setUp = (enrollmentId: string, minute: number, erased = false): ReadonlyArray<Row> => [
  ["TwoFactorVerificationSent", { codeDigest: "v", expiresAt: at(minute + 10), at: at(minute) }],
  ["TwoFactorVerificationConfirmed", { at: at(minute) }],
  [
    "TwoFactorEnrollmentStarted",
    erased ? null : { enrollmentId, sealedSecret: `sealed:${enrollmentId}`, at: at(minute) },
  ],
]
const enabled: Row = [
  "TwoFactorEnabled",
  { enrollmentId: "e1", step: 100, recoveryCodeDigests: ["r1", "r2"], at: at(1) },
]
const wrong = (purpose: string, attempts: number, minute: number): Row => [
  "TwoFactorCodeRejected",
  { purpose, attempts, at: at(minute) },
]

describe("two-factor streams recorded before this version", () => {
  it("a changed device: the old enrollment erased, the new one in use, the recovery codes kept", () => {
    const state = stored([
      ...setUp("e1", 0, true),
      enabled,
      ...setUp("e2", 5),
      ["TwoFactorDeviceChanged", { enrollmentId: "e2", previousEnrollmentId: "e1", step: 200, at: at(6) }],
    ])
    expect(isTwoFactorOn(state)).toBe(true)
    expect(deviceInUse(state)).toEqual({
      enrollmentId: "e2",
      secret: { _tag: "Sealed", sealed: "sealed:e2" },
      lastStep: 200,
    })
    expect(recoveryCodesLeft(state)).toBe(2)
  })

  it("an e-mailed code with five wrong tries (no voiding recorded) stays void", () => {
    const state = stored([
      ["TwoFactorVerificationSent", { codeDigest: "v", expiresAt: at(10), at: at(0) }],
      ...[1, 2, 3, 4, 5].map((n) => wrong("verification", n, 1)),
    ])
    const start = twoFactorDecider.decide(
      {
        _tag: "StartEnrollment",
        codeDigest: "v",
        enrollmentId: "e1",
        sealedSecret: "s",
        at: instant(2),
      },
      state,
    )
    expect(Either.isLeft(start) && start.left._tag).toBe("VerificationRequired")
  })

  it("a set-up that ran out of tries (its secret erased then) is no set-up", () => {
    const state = stored([...setUp("e1", 0, true), ...[1, 2, 3, 4, 5].map((n) => wrong("activation", n, 1))])
    expect(isSetUpInProgress(state)).toBe(false)
    expect(isTwoFactorOn(state)).toBe(false)
  })

  it("a set-up that ran out of tries whose secret a crash left unerased is no set-up either", () => {
    const state = stored([...setUp("e1", 0), ...[1, 2, 3, 4, 5].map((n) => wrong("activation", n, 1))])
    expect(isSetUpInProgress(state)).toBe(false)
    // Nothing needs the secret, so the next erasure run removes it; and there is nothing to turn off.
    expect([...enrollmentsInUse(state)]).toEqual([])
    const disable = twoFactorDecider.decide(
      { _tag: "Disable", by: { kind: "customer", id: "acc-1" }, at: instant(2) },
      state,
    )
    expect(Either.isLeft(disable) && disable.left._tag).toBe("TwoFactorNotEnabled")
  })

  it("a challenge locked, then a password change: the lock stays until its time", () => {
    const rows: ReadonlyArray<Row> = [
      ...setUp("e1", 0),
      enabled,
      ["TwoFactorChallengeIssued", { challengeKey: "c1", expiresAt: at(12), at: at(2) }],
      ...[1, 2, 3, 4, 5].map(
        (n): Row => [
          "TwoFactorCodeRejected",
          { purpose: "totp", challengeKey: "c1", attempts: n, at: at(3) },
        ],
      ),
      ["TwoFactorChallengeLocked", { challengeKey: "c1", until: at(18), at: at(3) }],
      ["TwoFactorChallengesRevoked", { at: at(4) }],
    ]
    const issue = (minute: number) =>
      twoFactorDecider.decide(
        { _tag: "IssueChallenge", challengeKey: "c2", at: instant(minute) },
        stored(rows),
      )
    expect(issue(5)).toMatchObject({ _tag: "Left", left: { _tag: "ChallengeLocked", until: at(18) } })
    expect(Either.isRight(issue(18))).toBe(true)
  })
})
