import { describe, expect } from "vitest"
import { type Instant, isBefore } from "../../domain/kernel/instant.js"
import { appSessionScripts } from "../support/app-session-scripts.js"
import { describeCommandScripts } from "../support/command-scripts.js"

// The app session decider over random refreshes, replays of retired tokens, guesses, waits past the
// expiry and ends: after a replay the family is dead, and no refresh of it ever succeeds again.

describe("app session decider over random command sequences", () => {
  describeCommandScripts(appSessionScripts, {
    coverage: {
      labels: ({ command, events, refusal }) => [
        ...events.map((event) =>
          event._tag === "AppSessionEnded" ? `${event._tag}:${event.reason}` : event._tag,
        ),
        ...(refusal ? [`${command._tag}:${refusal._tag}`] : []),
      ],
      required: [
        "AppSessionOpened",
        "AppSessionRefreshed",
        "RefreshTokenReuseDetected",
        "AppSessionEnded:reuse-detected",
        "AppSessionEnded:service-ended",
        "Refresh:AppSessionHasEnded",
        "Refresh:RefreshTokenExpired",
        "Refresh:RefreshTokenInvalid",
      ],
    },
    invariants: {
      "after a replay of a retired token the family is dead: no later refresh succeeds": (trace) => {
        let revoked = false
        for (const { events } of trace) {
          if (revoked) expect(events.map((e) => e._tag)).not.toContain("AppSessionRefreshed")
          if (events.some((e) => e._tag === "RefreshTokenReuseDetected")) {
            expect(events.map((e) => e._tag)).toEqual(["RefreshTokenReuseDetected", "AppSessionEnded"])
            revoked = true
          }
        }
      },

      "a refresh succeeds only with the token handed out last, before it expires, and each token once": (
        trace,
      ) => {
        let current: { digest: string; expiresAt: Instant } | undefined
        const spent = new Set<string>()
        for (const { command, events } of trace) {
          for (const event of events) {
            if (event._tag === "AppSessionOpened")
              current = { digest: event.refreshDigest, expiresAt: event.refreshExpiresAt }
            if (event._tag === "AppSessionRefreshed") {
              expect(command._tag).toBe("Refresh")
              if (command._tag !== "Refresh") continue
              expect(command.presentedDigest).toBe(current?.digest)
              expect(spent.has(command.presentedDigest)).toBe(false)
              if (current) expect(isBefore(command.at, current.expiresAt)).toBe(true)
              spent.add(command.presentedDigest)
              current = { digest: event.refreshDigest, expiresAt: event.refreshExpiresAt }
            }
          }
        }
      },

      "a token never issued revokes nothing, and only a retired one is called a replay": (trace) => {
        const issued = new Set<string>()
        for (const { command, before, events } of trace) {
          if (command._tag === "Refresh" && events.some((e) => e._tag === "RefreshTokenReuseDetected")) {
            expect(before._tag === "Open" && before.retired.includes(command.presentedDigest)).toBe(true)
            expect(issued.has(command.presentedDigest)).toBe(true)
          }
          for (const event of events) {
            if (event._tag === "AppSessionOpened" || event._tag === "AppSessionRefreshed")
              issued.add(event.refreshDigest)
          }
        }
      },
    },
  })
})
