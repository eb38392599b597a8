import { Either, FastCheck as fc } from "effect"
import { describe, expect } from "vitest"
import {
  type SigningKeyEvent,
  type SigningKeysCommand,
  type SigningKeysError,
  type SigningKeysState,
  signingKeysCodec,
  signingKeysDecider,
} from "../../domain/entitlements/signing-keys.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { type CommandScripts, describeCommandScripts } from "../support/command-scripts.js"

// Random rotations: keys published (some again, some after retirement) and retired early, late, or
// while current. The time moves forward only; the current key is the newest published one.

const hour = 60 * 60 * 1000
const lifetimeMs = 24 * hour
const start = Date.UTC(2026, 0, 1)
const kids = ["k1", "k2", "k3", "k4"] as const

type Step =
  | { readonly _tag: "Publish"; readonly kid: (typeof kids)[number] }
  | { readonly _tag: "Retire"; readonly kid: (typeof kids)[number] }

const step = fc.tuple(
  fc.oneof(
    fc.record({ _tag: fc.constant("Publish" as const), kid: fc.constantFrom(...kids) }),
    fc.record({ _tag: fc.constant("Retire" as const), kid: fc.constantFrom(...kids) }),
  ),
  fc.nat(30),
)

const keysOf = (state: SigningKeysState) => (state._tag === "Published" ? state.keys : [])

const config: CommandScripts<
  SigningKeysCommand,
  SigningKeysState,
  SigningKeyEvent,
  SigningKeysError,
  readonly [Step, number],
  "once"
> = {
  decider: signingKeysDecider,
  scripts: fc.array(step, { minLength: 1, maxLength: 20 }),
  resolver: () => {
    let time = start
    return ([next, wait], state) => {
      time += wait * hour
      const at = instantFromMillis(time)
      const current = keysOf(state).at(-1)?.kid ?? "none"
      return next._tag === "Publish"
        ? { _tag: "Publish", kid: next.kid, x: `x-${next.kid}`, at }
        : { _tag: "Retire", kid: next.kid, currentKid: current, lifetimeMs, at }
    }
  },
  variants: ["once"],
  numRuns: 200,
}

describe("signing keys over random rotations", () => {
  describeCommandScripts(config, {
    coverage: {
      labels: ({ events, refusal }) => [
        ...events.map((e) => e._tag),
        ...(refusal === undefined ? [] : [refusal._tag]),
      ],
      required: [
        "SigningKeyPublished",
        "SigningKeyRetired",
        "SigningKeyStillVerifying",
        "SigningKeyInUse",
        "SigningKeyUnknown",
        "SigningKeyRetiredAlready",
      ],
      atLeast: 5,
    },
    invariants: {
      "a key is retired only a lifetime after a later key was published, and never while current": (
        trace,
      ) => {
        for (const { command, before, events } of trace) {
          if (command._tag !== "Retire" || events.length === 0) continue
          expect(command.kid).not.toBe(command.currentKid)
          const keys = keysOf(before)
          const retired = keys.find((k) => k.kid === command.kid)!
          const later = keys.filter((k) => Date.parse(k.publishedAt) > Date.parse(retired.publishedAt))
          expect(later.length).toBeGreaterThan(0)
          expect(Date.parse(command.at) - Date.parse(later[0]!.publishedAt)).toBeGreaterThanOrEqual(
            lifetimeMs,
          )
        }
      },
      "a retired key stays retired and is never published again": (trace) => {
        const retired = new Set<string>()
        for (const { events } of trace) {
          for (const event of events) {
            if (event._tag === "SigningKeyPublished") expect(retired.has(event.kid)).toBe(false)
            if (event._tag === "SigningKeyRetired") retired.add(event.kid)
          }
        }
      },
      "each key is published at most once": (trace) => {
        const published = trace.flatMap((d) => d.events).filter((e) => e._tag === "SigningKeyPublished")
        expect(new Set(published.map((e) => e.kid)).size).toBe(published.length)
      },
      "every event survives its codec": (trace) => {
        for (const event of trace.flatMap((d) => d.events)) {
          const encoded = signingKeysCodec.encode(event)
          expect(signingKeysCodec.decode(encoded.type, encoded.schemaVersion, encoded.data)).toEqual(
            Either.right(event),
          )
        }
      },
    },
  })
})
