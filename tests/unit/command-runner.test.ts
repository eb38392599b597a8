import { Effect, Exit } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { loadAggregate, runCommand } from "../../application/event-log/command-runner.js"
import { exitWithStore, failureOf, withStore } from "../support/run.js"
import { openTestLog, sqliteMemory } from "../support/stores.js"
import { tally } from "../support/tally.js"

const metadata = { actor: { kind: "customer" as const, id: "acc-1" } }
const at = "2026-01-01T00:00:00.000Z"
type Log = Awaited<ReturnType<typeof openTestLog>>
const logs: Array<Log> = []
const open = async () => {
  const log = await openTestLog(sqliteMemory)
  logs.push(log)
  return log
}
afterEach(async () => {
  await Promise.all(logs.splice(0).map((log) => log.close()))
})

describe("command runner", () => {
  it("loads, decides, appends and returns the new state and version", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "tally-1", { _tag: "Open", name: "n", at }, { metadata }))
    const result = await run(runCommand(tally, "tally-1", { _tag: "Add", amount: 4, at }, { metadata }))
    expect(result).toMatchObject({
      version: 2,
      positions: [2],
      replayed: false,
      state: { _tag: "Open", total: 4 },
    })
    expect(result.events).toEqual([{ _tag: "AmountAdded", amount: 4, at }])
  })

  it("decides on a state the caller has already loaded, and reloads only after a conflict", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "t", { _tag: "Open", name: "n", at }, { metadata }))
    const loaded = await run(loadAggregate(tally, "t"))
    // The caller's copy is current: the first attempt takes it as it is.
    const first = await run(runCommand(tally, "t", { _tag: "Add", amount: 2, at }, { metadata, loaded }))
    expect(first).toMatchObject({ version: 2, state: { total: 2 } })
    // Now it is stale (version 1): the append conflicts, and the retry reloads instead of deciding on it again.
    const second = await run(runCommand(tally, "t", { _tag: "Add", amount: 3, at }, { metadata, loaded }))
    expect(second).toMatchObject({ version: 3, state: { total: 5, adds: 2 } })
    // With no retry allowed, the stale copy is refused rather than silently reloaded.
    const exit = await exitWithStore(log.store)(
      runCommand(tally, "t", { _tag: "Add", amount: 1, at }, { metadata, loaded, maxAttempts: 1 }),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "StreamVersionConflict" })
  })

  it("returns the decider's refusal as a typed error and appends nothing", async () => {
    const log = await open()
    const exit = await exitWithStore(log.store)(
      runCommand(tally, "t", { _tag: "Add", amount: 1, at }, { metadata }),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "TallyNotOpen" })
    expect((await Effect.runPromise(log.store.head)).position).toBe(0)
  })

  it("appends nothing for a command that changes nothing", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "t", { _tag: "Open", name: "n", at }, { metadata }))
    const again = await run(runCommand(tally, "t", { _tag: "Open", name: "n", at }, { metadata }))
    expect(again).toMatchObject({ events: [], version: 1, positions: [] })
  })

  it("reloads and decides again when concurrent commands race on one stream", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "t", { _tag: "Open", name: "n", at }, { metadata }))
    const adds = Array.from({ length: 20 }, (_, i) =>
      runCommand(tally, "t", { _tag: "Add", amount: i + 1, at }, { metadata, maxAttempts: 50 }),
    )
    await run(Effect.all(adds, { concurrency: "unbounded" }))
    const final = await run(runCommand(tally, "t", { _tag: "Close", at }, { metadata }))
    expect(final.state).toMatchObject({ _tag: "Closed", total: 210, adds: 20 })
    expect(final.version).toBe(22)
  })

  it("answers a repeated idempotent request with the first result and refuses the key for another", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "t", { _tag: "Open", name: "n", at }, { metadata }))
    const idempotency = { key: "acc-1:k1", request: { amount: 5 } }
    const first = await run(runCommand(tally, "t", { _tag: "Add", amount: 5, at }, { metadata, idempotency }))
    const second = await run(
      runCommand(tally, "t", { _tag: "Add", amount: 5, at }, { metadata, idempotency }),
    )
    expect(second).toEqual({ ...first, replayed: true })
    const other = await exitWithStore(log.store)(
      runCommand(
        tally,
        "t",
        { _tag: "Add", amount: 6, at },
        { metadata, idempotency: { ...idempotency, request: { amount: 6 } } },
      ),
    )
    expect(Exit.isFailure(other) && failureOf(other)).toMatchObject({ _tag: "IdempotencyKeyReused" })
    expect(await Effect.runPromise(log.store.streamVersion("t"))).toBe(2)
  })

  it("writes the decision's outbox messages with the events", async () => {
    const log = await open()
    await withStore(log.store)(
      runCommand(
        tally,
        "t",
        { _tag: "Open", name: "n", at },
        {
          metadata,
          outbox: (events) => events.map((e) => ({ channel: "mail" as const, payload: { subject: e._tag } })),
        },
      ),
    )
    const rows = await log.database.db.selectFrom("outbox").select(["payload", "position"]).execute()
    expect(rows).toEqual([{ payload: '{"subject":"TallyOpened"}', position: 1 }])
  })

  it("updates inline projections in the same transaction and they replay without drift", async () => {
    const log = await open()
    const run = withStore(log.store)
    await run(runCommand(tally, "a", { _tag: "Open", name: "A", at }, { metadata }))
    await run(runCommand(tally, "a", { _tag: "Add", amount: 3, at }, { metadata }))
    await run(runCommand(tally, "b", { _tag: "Open", name: "B", at }, { metadata }))
    const rows = await log.database.db.selectFrom("tallies").selectAll().orderBy("stream_id").execute()
    expect(rows).toEqual([
      { stream_id: "a", name: "A", total: 3, closed: 0 },
      { stream_id: "b", name: "B", total: 0, closed: 0 },
    ])
    expect((await Effect.runPromise(log.audit.replay())).drift).toEqual([])
    await log.database.db.updateTable("tallies").set({ total: 99 }).where("stream_id", "=", "a").execute()
    const drifted = await Effect.runPromise(log.audit.replay())
    expect(drifted.drift).toMatchObject([{ projection: "tallies", table: "tallies" }])
  })
})
