import { Effect, Either, FastCheck as fc, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { runCommand } from "../../application/event-log/command-runner.js"
import { fold } from "../../domain/kernel/index.js"
import { testCodecRoundTrips } from "../support/codec-roundtrip.js"
import { withStore } from "../support/run.js"
import { openTestLog, sqliteMemory } from "../support/stores.js"
import { type TallyCommand, tally, tallyCodec } from "../support/tally.js"

const metadata = { actor: { kind: "system" as const, id: "property" } }
const at = "2026-01-01T00:00:00.000Z"

const command: fc.Arbitrary<{ stream: number; command: TallyCommand }> = fc.record({
  stream: fc.integer({ min: 0, max: 3 }),
  command: fc.oneof(
    fc.record({ _tag: fc.constant("Open" as const), name: fc.constantFrom("a", "b"), at: fc.constant(at) }),
    fc.record({
      _tag: fc.constant("Add" as const),
      amount: fc.integer({ min: -5, max: 5 }),
      at: fc.constant(at),
    }),
    fc.record({ _tag: fc.constant("Close" as const), at: fc.constant(at) }),
  ),
})

describe("event log properties", () => {
  it("for any command sequence, the state folded from the stored log equals the state the runner saw, and positions are 1..n", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 40 }), async (commands) => {
        const log = await openTestLog(sqliteMemory)
        try {
          const run = withStore(log.store)
          const seen = new Map<string, unknown>()
          for (const { stream, command } of commands) {
            const streamId = `tally-${stream}`
            const result = await run(Effect.either(runCommand(tally, streamId, command, { metadata })))
            if (Either.isRight(result)) seen.set(streamId, result.right.state)
          }
          const all = [...(await run(Stream.runCollect(log.store.readAll({ batchSize: 7 }))))]
          expect(all.map((e) => e.position)).toEqual(all.map((_, i) => i + 1))
          for (const [streamId, state] of seen) {
            const events = all
              .filter((e) => e.streamId === streamId)
              .map((e) => Either.getOrThrow(tallyCodec.decode(e.type, e.schemaVersion, e.data)))
            expect(fold(tally.decider)(events)).toEqual(state)
          }
          expect((await Effect.runPromise(log.audit.verify()))._tag).toBe("Intact")
          expect((await Effect.runPromise(log.audit.replay())).drift).toEqual([])
        } finally {
          await log.close()
        }
      }),
      { numRuns: 40 },
    )
  })

  it("once a tally is terminal, every command yields no event or a refusal", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let state = tally.decider.initialState
        for (const { command } of commands) {
          const result = tally.decider.decide(command, state)
          if (tally.decider.isTerminal?.(state))
            expect(Either.isLeft(result) || result.right.length === 0).toBe(true)
          if (Either.isRight(result)) state = result.right.reduce(tally.decider.evolve, state)
        }
      }),
    )
  })

  testCodecRoundTrips(tallyCodec)
})
