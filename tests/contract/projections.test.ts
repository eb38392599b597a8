import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import type { Projection } from "../../adapters/sql/projections/projection.js"
import { prepareProjections, rebuildProjection } from "../../adapters/sql/projections/projection-runner.js"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { allTargets, type StoreTarget } from "../support/stores.js"

const metadata = { actor: { kind: "system" as const, id: "test" } }

// A projection counting events per stream; `weight` changes what it writes, as a new version would.
const counter = (version: number, weight: number): Projection => ({
  name: "counter",
  version,
  eventTypes: ["Noted"],
  tables: [{ name: "counter", key: ["stream_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("counter")
      .ifNotExists()
      .addColumn("stream_id", "text", (c) => c.primaryKey())
      .addColumn("n", "integer", (c) => c.notNull())
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("counter").ifExists().execute()
  },
  apply: async (db, event) => {
    await db
      .insertInto("counter")
      .values({ stream_id: event.streamId, n: weight })
      .onConflict((c) => c.column("stream_id").doUpdateSet((eb) => ({ n: eb("counter.n", "+", weight) })))
      .execute()
  },
})

const counts = async (log: Awaited<ReturnType<typeof openSqlEventLog>>) =>
  (await log.database.db.selectFrom("counter").selectAll().orderBy("stream_id").execute()).map((r) => [
    r.stream_id,
    r.n,
  ])

const appendNotes = async (
  log: Awaited<ReturnType<typeof openSqlEventLog>>,
  streams: ReadonlyArray<string>,
) => {
  for (const streamId of streams) {
    await Effect.runPromise(
      log.store.append(streamId, [{ type: "Noted", schemaVersion: 1, data: {} }], {
        expected: ExpectedVersion.any,
        metadata,
      }),
    )
  }
}

const fileTargets = allTargets.filter((t): t is StoreTarget => t.name !== "sqlite (memory)")

for (const target of fileTargets) {
  describe(`projection lifecycle: ${target.name}`, () => {
    const disposers: Array<() => Promise<void>> = []
    afterEach(async () => {
      for (const dispose of disposers.splice(0)) await dispose()
    })

    it("applies inline, catches up when added late, and rebuilds on a version change", async () => {
      const { url, dispose } = await target.fresh()
      disposers.push(dispose)
      const first = await openSqlEventLog(url, { projections: [] })
      await appendNotes(first, ["a", "b", "a"])
      await first.close()

      const late = await openSqlEventLog(url, { projections: [counter(1, 1)] })
      expect(await counts(late)).toEqual([
        ["a", 2],
        ["b", 1],
      ])
      await appendNotes(late, ["b"])
      expect(await counts(late)).toEqual([
        ["a", 2],
        ["b", 2],
      ])
      await late.close()

      const bumped = await openSqlEventLog(url, { projections: [counter(2, 10)] })
      expect(await counts(bumped)).toEqual([
        ["a", 20],
        ["b", 20],
      ])
      const checkpoint = await bumped.database.db
        .selectFrom("projection_checkpoints")
        .selectAll()
        .executeTakeFirstOrThrow()
      expect(checkpoint).toMatchObject({ name: "counter", version: 2, position: 4 })
      expect(await prepareProjections(bumped.database, [counter(2, 10)])).toEqual([
        { name: "counter", action: "current" },
      ])

      await bumped.database.db.deleteFrom("counter").execute()
      expect((await Effect.runPromise(bumped.audit.replay())).drift).toHaveLength(1)
      const progress: Array<[number, number]> = []
      expect(
        await rebuildProjection(bumped.database, counter(2, 10), (done, total) =>
          progress.push([done, total]),
        ),
      ).toBe(4)
      expect(progress.at(-1)).toEqual([4, 4])
      expect((await Effect.runPromise(bumped.audit.replay())).drift).toEqual([])
      await bumped.close()
    })
  })
}
