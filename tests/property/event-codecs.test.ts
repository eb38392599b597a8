import { describe } from "vitest"
import { eventFamilies } from "../../domain/event-registry.js"
import { testCodecRoundTrips } from "../support/codec-roundtrip.js"

// Over the registry, not a list of its own: an event added to a registered family is covered
// without a line here (tests/unit/event-registry.test.ts fails on a family left unregistered).
describe("every event codec in the registry", () => {
  for (const [family, codec] of Object.entries(eventFamilies)) {
    describe(family, () => testCodecRoundTrips(codec))
  }
})
