import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import {
  deviceInUse,
  enrollmentsInUse,
  isReminderDismissed,
  isSetUpInProgress,
  isTwoFactorOn,
  recoveryCodesLeft,
  sameDigest,
  twoFactorDecider,
} from "../../domain/two-factor/two-factor.js"
import {
  TwoFactorChallengePassed,
  TwoFactorDeviceChanged,
  TwoFactorReminderDismissed,
} from "../../domain/two-factor/two-factor-events.js"
import { challenged, enabled, passedTotp, setUp, t } from "../support/two-factor-scenarios.js"

describe("two-factor state: what the application reads from it", () => {
  const state = fold(twoFactorDecider)

  it("the device in use, with the secret of its enrollment, or erased once its event was", () => {
    expect(deviceInUse(state(enabled))).toEqual({
      enrollmentId: "e1",
      secret: { _tag: "Sealed", sealed: "sealed:1" },
      lastStep: 100,
    })
    // Folding skips an erased event: the enrollment that carried the secret is not seen.
    const erased = enabled.filter((e) => e._tag !== "TwoFactorEnrollmentStarted")
    expect(deviceInUse(state(erased))?.secret).toEqual({ _tag: "Erased" })
    const changed = [
      ...enabled,
      ...setUp(t(5), "e2", "sealed:2", "v2"),
      TwoFactorDeviceChanged.make({ enrollmentId: "e2", previousEnrollmentId: "e1", step: 100, at: t(6) }),
      passedTotp(101, t(7)),
    ]
    expect(deviceInUse(state(changed))).toEqual({
      enrollmentId: "e2",
      secret: { _tag: "Sealed", sealed: "sealed:2" },
      lastStep: 101,
    })
    expect(deviceInUse(state(setUp(t(0))))).toBeUndefined()
  })

  it("on or off, a set-up in progress, the enrollments still in use, recovery codes left, the reminder", () => {
    const changing = [...enabled, ...setUp(t(5), "e2", "sealed:2", "v2")]
    expect([
      isTwoFactorOn(state([])),
      isTwoFactorOn(state(setUp(t(0)))),
      isTwoFactorOn(state(enabled)),
    ]).toEqual([false, false, true])
    expect([isSetUpInProgress(state(setUp(t(0)))), isSetUpInProgress(state(enabled))]).toEqual([true, false])
    expect(isSetUpInProgress(state(changing))).toBe(true)
    expect([...enrollmentsInUse(state(changing))]).toEqual(["e1", "e2"])
    expect([...enrollmentsInUse(state([]))]).toEqual([])
    const usedOne = [
      ...challenged(t(0)),
      TwoFactorChallengePassed.make({
        challengeKey: "c1",
        method: "recovery",
        recoveryCodeDigest: "r1",
        at: t(1),
      }),
    ]
    expect([
      recoveryCodesLeft(state(enabled)),
      recoveryCodesLeft(state(usedOne)),
      recoveryCodesLeft(state([])),
    ]).toEqual([2, 1, 0])
    expect(isReminderDismissed(state([]))).toBe(false)
    expect(isReminderDismissed(state([TwoFactorReminderDismissed.make({ at: t(0) })]))).toBe(true)
  })
})

describe("sameDigest", () => {
  it("is true for equal strings only", () => {
    expect(sameDigest("abc", "abc")).toBe(true)
    expect(sameDigest("", "")).toBe(true)
    expect(sameDigest("abc", "abd")).toBe(false)
    expect(sameDigest("abc", "xbc")).toBe(false)
  })

  it("is false for different lengths, even when one is a prefix or padded with NULs", () => {
    expect(sameDigest("abc", "abcd")).toBe(false)
    expect(sameDigest("abcd", "abc")).toBe(false)
    expect(sameDigest("abc", "")).toBe(false)
    expect(sameDigest("", "abc")).toBe(false)
    expect(sameDigest("a\u0000", "a")).toBe(false)
    expect(sameDigest("a", "a\u0000")).toBe(false)
  })
})
