import { FastCheck as fc } from "effect"
import {
  type AppSessionCommand,
  type AppSessionError,
  type AppSessionState,
  appSessionDecider,
} from "../../domain/apps/app-session.js"
import type { AppSessionEndReason, AppSessionEvent } from "../../domain/apps/app-session-events.js"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import type { CommandScripts } from "./command-scripts.js"

// Random command scripts for the app session decider. A device presents either the token it holds
// or, as a thief would, one it held before; which one is drawn as a kind and resolved against what
// the script has handed out so far. Time moves on by minutes to days, so expiry is met too.

const minute = 60_000
const day = 1_440 * minute
const start = Date.UTC(2026, 11, 1, 9, 0, 0)
const refreshLife = 30 * day

type Presented = "current" | "retired" | "guess"
export type AppSessionStep =
  | { readonly _tag: "Open" }
  | { readonly _tag: "Refresh"; readonly presented: Presented; readonly waitMinutes: number }
  | { readonly _tag: "End"; readonly reason: AppSessionEndReason }

const step: fc.Arbitrary<AppSessionStep> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ _tag: "Open" as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      _tag: fc.constant("Refresh" as const),
      presented: fc.constantFrom<Presented>("current", "current", "current", "retired", "guess"),
      waitMinutes: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 20 * 1440, max: 40 * 1440 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("End" as const),
      reason: fc.constantFrom<AppSessionEndReason>("signed-out", "by-account", "service-ended", "support"),
    }),
  },
)

export const appSessionScripts: CommandScripts<
  AppSessionCommand,
  AppSessionState,
  AppSessionEvent,
  AppSessionError,
  AppSessionStep,
  "one-session"
> = {
  decider: appSessionDecider,
  // Open first most of the time: a script that never opens only meets refusals.
  scripts: fc
    .tuple(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 24 }))
    .map(([opens, steps]) => (opens ? [{ _tag: "Open" as const }, ...steps] : steps)),
  variants: ["one-session"],
  resolver: () => {
    let now = start
    let issued = 0
    const at = () => instantFromMillis(now)
    return (step, state) => {
      switch (step._tag) {
        case "Open":
          now += minute
          return {
            _tag: "Open",
            accountId: "acc-1",
            productId: "password-manager",
            deviceName: "Phone",
            familyId: "fam-1",
            refreshDigest: `r${issued++}`,
            refreshExpiresAt: instantFromMillis(now + refreshLife),
            at: at(),
          }
        case "Refresh": {
          now += step.waitMinutes * minute
          const retired = state._tag === "Open" ? state.retired : []
          const presentedDigest =
            step.presented === "current" && state._tag === "Open"
              ? state.refreshDigest
              : step.presented === "retired" && retired.length > 0
                ? (retired[step.waitMinutes % retired.length] as string)
                : step.presented === "guess"
                  ? "never-issued"
                  : "r0"
          return {
            _tag: "Refresh",
            presentedDigest,
            nextDigest: `r${issued++}`,
            nextExpiresAt: instantFromMillis(now + refreshLife),
            at: at(),
          }
        }
        case "End":
          now += minute
          return { _tag: "End", reason: step.reason, at: at() }
      }
    }
  },
}
