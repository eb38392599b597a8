import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import { twoFactorDecider } from "../../domain/two-factor/two-factor.js"
import { TwoFactorDisabled, TwoFactorReminderDismissed } from "../../domain/two-factor/two-factor-events.js"
import {
  activate,
  answerTotp,
  customer,
  enabled,
  issueChallenge,
  issued,
  sent,
  setUp,
  spec,
  start,
  t,
} from "../support/two-factor-scenarios.js"

// Turning 2FA off (by the customer or by support), and the reminder shown while it is off.

describe("two-factor decider: disabling and the reminder", () => {
  const dismissed = TwoFactorReminderDismissed.make({ at: t(0) })

  it("disables back to nothing but the reminder's dismissal", () => {
    const busy = [
      dismissed,
      ...enabled,
      issued("c1", t(1)),
      ...setUp(t(1), "e2", "sealed:2", "v2"),
      sent("v3", t(1)),
    ]
    const off = TwoFactorDisabled.make({ by: customer, reason: "lost phone", at: t(2) })
    spec
      .given(busy)
      .when({ _tag: "Disable", by: customer, reason: "lost phone", at: t(2) })
      .thenEmits([off])
    const disabled = [...busy, off]
    spec
      .given(disabled)
      .when({ _tag: "Disable", by: customer, at: t(3) })
      .thenRefuses("TwoFactorNotEnabled")
    // Nothing is left: no e-mailed code, no set-up, no device, no challenge; the dismissal stays.
    spec
      .given(disabled)
      .when(start("v3", t(3)))
      .thenRefuses("VerificationRequired")
    spec
      .given(disabled)
      .when(activate(100, t(3), "e2"))
      .thenRefuses("NoEnrollmentInProgress")
    spec
      .given(disabled)
      .when(issueChallenge(t(3)))
      .thenRefuses("TwoFactorNotEnabled")
    spec
      .given(disabled)
      .when(answerTotp(101, t(3)))
      .thenRefuses("ChallengeUnknown")
    spec
      .given(disabled)
      .when({ _tag: "DismissReminder", at: t(3) })
      .thenNothing()

    const plain = twoFactorDecider.decide(
      { _tag: "Disable", by: customer, at: t(2) },
      fold(twoFactorDecider)(enabled),
    )
    expect(Either.getOrThrow(plain)).toEqual([TwoFactorDisabled.make({ by: customer, at: t(2) })])
    expect(Either.getOrThrow(plain)[0]).not.toHaveProperty("reason")
    const plainOff = [...enabled, TwoFactorDisabled.make({ by: customer, at: t(2) })]
    spec
      .given(plainOff)
      .when({ _tag: "DismissReminder", at: t(3) })
      .thenEmits([TwoFactorReminderDismissed.make({ at: t(3) })])
  })

  it("can abandon a set-up in progress", () => {
    const off = TwoFactorDisabled.make({ by: customer, at: t(1) })
    spec
      .given(setUp(t(0)))
      .when({ _tag: "Disable", by: customer, at: t(1) })
      .thenEmits([off])
    spec
      .given([...setUp(t(0)), off])
      .when(activate(100, t(2)))
      .thenRefuses("NoEnrollmentInProgress")
    spec
      .given([...setUp(t(0)), off])
      .when({ _tag: "Disable", by: customer, at: t(2) })
      .thenRefuses("TwoFactorNotEnabled")
  })

  it("dismisses the reminder once, and not at all when enabled", () => {
    spec
      .given([])
      .when({ _tag: "DismissReminder", at: t(0) })
      .thenEmits([dismissed])
    spec
      .given([dismissed])
      .when({ _tag: "DismissReminder", at: t(1) })
      .thenNothing()
    spec
      .given(enabled)
      .when({ _tag: "DismissReminder", at: t(1) })
      .thenNothing()
  })
})
