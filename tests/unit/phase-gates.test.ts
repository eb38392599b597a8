import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { type Capability, capabilities, gate, phaseGates, phases } from "../../domain/catalog/phase-gates.js"
import { phaseAt } from "../../domain/catalog/product-lifecycle.js"
import { Instant } from "../../domain/kernel/index.js"

// The test's own copy of the rule table, so a change to the domain's table fails here until it is
// made on purpose in both places.
const expected: Record<Capability, readonly [string, string, string]> = {
  "license.register": ["allowed", "allowed", "service-ended"],
  "app.sign-in": ["allowed", "allowed", "service-ended"],
  "app.refresh": ["allowed", "allowed", "service-ended"],
  "app.access": ["allowed", "allowed", "service-ended"],
  "entitlement.issue": ["allowed", "allowed", "service-ended"],
  "vault.activate": ["allowed", "allowed", "read-only"],
  "vault.unlock": ["allowed", "allowed", "allowed"],
  "vault.read": ["allowed", "allowed", "allowed"],
  "vault.write": ["allowed", "allowed", "read-only"],
  "vault.rotate-key": ["allowed", "allowed", "read-only"],
  "vault.reset-by-customer": ["allowed", "allowed", "read-only"],
  "vault.reset-by-support": ["allowed", "allowed", "allowed"],
  "vault.export": ["allowed", "allowed", "export-disabled"],
}

const tagOf = {
  "service-ended": "ServiceEnded",
  "read-only": "ProductReadOnly",
  "export-disabled": "ExportDisabled",
}

const endsAt = Instant.make("2025-11-15T15:00:00.000Z")
const viewOf = {
  active: { phase: "active" as const },
  "sunset-scheduled": { phase: "sunset-scheduled" as const, endsAt, successor: "id-protection" },
  ended: { phase: "ended" as const, endsAt, endedAt: endsAt, successor: "id-protection" },
}

describe("phase gates", () => {
  it("has a rule for every capability and phase, and no other", () => {
    expect(Object.keys(phaseGates).sort()).toEqual([...capabilities].sort())
    expect(Object.keys(expected).sort()).toEqual([...capabilities].sort())
  })

  for (const capability of capabilities) {
    phases.forEach((phase, index) => {
      const rule = expected[capability][index]
      it(`${capability} while ${phase}: ${rule}`, () => {
        expect(phaseGates[capability][phase]).toBe(rule)
        const result = gate("password-manager", capability, viewOf[phase])
        if (rule === "allowed") {
          expect(Either.isRight(result)).toBe(true)
        } else {
          const refusal = Either.getLeft(result)
          expect(refusal._tag === "Some" && refusal.value._tag).toBe(tagOf[rule as keyof typeof tagOf])
          // A refusal names what to move to, and when the product ended.
          expect(refusal._tag === "Some" && refusal.value).toMatchObject({
            productId: "password-manager",
            capability,
            successor: "id-protection",
            endedAt: endsAt,
          })
        }
      })
    })
  }
})

describe("phaseAt", () => {
  const scheduled = {
    _tag: "SunsetScheduled" as const,
    scheduleId: "s1",
    endsAt,
    successor: "id-protection",
    noticeLeadDays: 30,
    scheduledAt: Instant.make("2025-10-01T00:00:00.000Z"),
    noticesQueued: 0,
    noticesDone: false,
  }

  it("is scheduled until the instant and ended from it, before any event records the end", () => {
    expect(phaseAt(scheduled, Instant.make("2025-11-15T14:59:59.999Z")).phase).toBe("sunset-scheduled")
    expect(phaseAt(scheduled, endsAt)).toEqual({
      phase: "ended",
      endsAt,
      endedAt: endsAt,
      successor: "id-protection",
    })
    expect(phaseAt(scheduled, Instant.make("2026-01-01T00:00:00.000Z")).phase).toBe("ended")
  })

  it("an active product is active at any time; an ended one ended when it was applied", () => {
    expect(phaseAt({ _tag: "Active" }, endsAt)).toEqual({ phase: "active" })
    const endedAt = Instant.make("2025-11-15T15:00:02.000Z")
    expect(
      phaseAt({ _tag: "Ended", scheduleId: "s1", endsAt, endedAt, successor: "id-protection" }, endsAt),
    ).toEqual({ phase: "ended", endsAt, endedAt, successor: "id-protection" })
  })
})
