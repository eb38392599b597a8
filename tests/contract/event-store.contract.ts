import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { Cause, Effect, Either, Stream } from "effect"
import { sql } from "kysely"
import { afterEach, describe, expect, it } from "vitest"
import { ExpectedVersion, type NewEvent } from "../../domain/kernel/index.js"
import { openTestLog, type StoreTarget } from "../support/stores.js"

const run = Effect.runPromise
const metadata = { actor: { kind: "customer" as const, id: "acc-1" }, requestId: "req-1" }
const event = (n: number): NewEvent => ({
  type: "Noted",
  schemaVersion: 1,
  data: { n, text: `note ${n}`, 日本語: "鍵" },
})
const execFileAsync = promisify(execFile)

type Log = Awaited<ReturnType<typeof openTestLog>>

/** The event-store contract: every adapter must pass all of it. */
export const testEventStore = (target: StoreTarget, options: { readonly multiProcess: boolean }) =>
  describe(`event store contract: ${target.name}`, () => {
    const opened: Array<Log> = []
    const open = async (extra = {}) => {
      const log = await openTestLog(target, extra)
      opened.push(log)
      return log
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((log) => log.close()))
    })

    it("appends and reads a stream back with versions, positions, data and metadata", async () => {
      const { store } = await open()
      const result = await run(
        store.append("s-1", [event(1), event(2)], { expected: ExpectedVersion.noStream, metadata }),
      )
      expect(result).toEqual({ streamId: "s-1", nextVersion: 2, positions: [1, 2], replayed: false })
      const events = await run(store.readStream("s-1"))
      expect(events.map((e) => [e.position, e.streamVersion, e.type, e.data])).toEqual([
        [1, 1, "Noted", event(1).data],
        [2, 2, "Noted", event(2).data],
      ])
      expect(events[0]?.metadata).toEqual(metadata)
      expect(events[0]?.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(events[1]?.prevHash).toBe(events[0]?.hash)
      expect(await run(store.streamVersion("s-1"))).toBe(2)
      expect(await run(store.streamVersion("unknown"))).toBe(0)
      expect((await run(store.readStream("s-1", { fromVersion: 2 }))).map((e) => e.streamVersion)).toEqual([
        2,
      ])
    })

    it("appends to several streams atomically: all of it when every version holds, nothing otherwise", async () => {
      const log = await open()
      const { store } = log
      await run(store.append("a", [event(1)], { expected: ExpectedVersion.noStream, metadata }))
      const results = await run(
        store.appendMany(
          [
            { streamId: "a", events: [event(2)], expected: ExpectedVersion.exact(1) },
            { streamId: "b", events: [event(3), event(4)], expected: ExpectedVersion.noStream },
          ],
          { metadata, outbox: [{ channel: "mail", payload: { to: "x@example.com" } }] },
        ),
      )
      expect(results).toEqual([
        { streamId: "a", nextVersion: 2, positions: [2], replayed: false },
        { streamId: "b", nextVersion: 2, positions: [3, 4], replayed: false },
      ])
      // The second stream's version no longer holds: the first stream's events must not be written either.
      const refused = await run(
        Effect.either(
          store.appendMany(
            [
              { streamId: "a", events: [event(5)], expected: ExpectedVersion.exact(2) },
              { streamId: "b", events: [event(6)], expected: ExpectedVersion.noStream },
            ],
            { metadata },
          ),
        ),
      )
      expect(Either.isLeft(refused) && refused.left._tag).toBe("StreamVersionConflict")
      expect(await run(store.streamVersion("a"))).toBe(2)
      expect((await run(store.head)).position).toBe(4)
      expect((await run(log.audit.verify()))._tag).toBe("Intact")
    })

    it("honours every expected-version mode and reports conflicts with the actual version", async () => {
      const { store } = await open()
      const append = (expected: ExpectedVersion) =>
        run(Effect.either(store.append("s", [event(0)], { expected, metadata })))
      expect(Either.isRight(await append(ExpectedVersion.noStream))).toBe(true)
      const noStreamAgain = await append(ExpectedVersion.noStream)
      expect(Either.isLeft(noStreamAgain) && noStreamAgain.left).toMatchObject({
        _tag: "StreamVersionConflict",
        streamId: "s",
        actual: 1,
      })
      expect(Either.isRight(await append(ExpectedVersion.exact(1)))).toBe(true)
      const stale = await append(ExpectedVersion.exact(1))
      expect(Either.isLeft(stale) && stale.left).toMatchObject({ _tag: "StreamVersionConflict", actual: 2 })
      expect(Either.isRight(await append(ExpectedVersion.any))).toBe(true)
      const exactOnMissing = await run(
        Effect.either(store.append("missing", [event(0)], { expected: ExpectedVersion.exact(3), metadata })),
      )
      expect(Either.isLeft(exactOnMissing)).toBe(true)
      expect(await run(store.streamVersion("s"))).toBe(3)
      expect((await run(store.head)).position).toBe(3)
    })

    it("never duplicates a version nor leaves a gap under 50 concurrent appenders", async () => {
      const { store } = await open()
      const appender = (worker: number) =>
        Effect.gen(function* () {
          for (let i = 0; i < 4; i++) {
            const streamId = `c-${(worker + i) % 3}`
            for (;;) {
              const version = yield* store.streamVersion(streamId)
              const result = yield* Effect.either(
                store.append(streamId, [event(worker * 10 + i)], {
                  expected: ExpectedVersion.after(version),
                  metadata,
                }),
              )
              if (Either.isRight(result)) break
              yield* Effect.yieldNow()
            }
          }
        })
      await run(
        Effect.all(
          Array.from({ length: 50 }, (_, w) => appender(w)),
          { concurrency: "unbounded" },
        ),
      )
      const all = await run(Stream.runCollect(store.readAll()))
      const positions = [...all].map((e) => e.position)
      expect(positions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      for (const streamId of ["c-0", "c-1", "c-2"]) {
        const versions = [...all].filter((e) => e.streamId === streamId).map((e) => e.streamVersion)
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1))
      }
    })

    if (options.multiProcess) {
      it("stays gap-free with two OS processes appending to the same streams", async () => {
        const log = await open({ projections: [] })
        const worker = (id: number) =>
          execFileAsync(process.execPath, ["tests/support/append-worker.mjs", log.url, String(id), "40"])
        const outputs = await Promise.all([worker(1), worker(2)])
        const reports = outputs.map((o) => JSON.parse(o.stdout) as { count: number })
        expect(reports.map((r) => r.count)).toEqual([40, 40])
        const all = [...(await run(Stream.runCollect(log.store.readAll())))]
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
        for (let s = 0; s < 5; s++) {
          const versions = all.filter((e) => e.streamId === `shared-${s}`).map((e) => e.streamVersion)
          expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
        }
        expect((await run(log.audit.verify()))._tag).toBe("Intact")
      })
    }

    it("reads all events in position order, in batches, from any position", async () => {
      const { store } = await open()
      for (let i = 0; i < 7; i++) {
        await run(store.append(`r-${i % 3}`, [event(i)], { expected: ExpectedVersion.any, metadata }))
      }
      const all = [...(await run(Stream.runCollect(store.readAll({ batchSize: 3 }))))]
      expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6])
      const tail = [...(await run(Stream.runCollect(store.readAll({ after: 5, batchSize: 2 }))))]
      expect(tail.map((e) => e.position)).toEqual([6, 7])
    })

    it("erases data but keeps the digest, records the erasure, and the chain still verifies", async () => {
      const log = await open()
      await run(
        log.store.append("v-1", [event(1), event(2), event(3)], { expected: ExpectedVersion.any, metadata }),
      )
      await run(log.store.append("other", [event(9)], { expected: ExpectedVersion.any, metadata }))
      const before = await run(log.store.readStream("v-1"))
      const erased = await run(log.store.erase("v-1", { versions: [1, 2], reason: "vault reset", metadata }))
      expect(erased.erasedPositions).toEqual([1, 2])
      const after = await run(log.store.readStream("v-1"))
      expect(after.map((e) => [e.erased, e.data === null])).toEqual([
        [true, true],
        [true, true],
        [false, false],
      ])
      expect(after.map((e) => e.dataDigest)).toEqual(before.map((e) => e.dataDigest))
      const record = (await run(log.store.readStream("$erasures")))[0]
      expect(record?.type).toBe("EventDataErased")
      expect(record?.data).toMatchObject({ streamId: "v-1", positions: [1, 2], reason: "vault reset" })
      expect(record?.position).toBe(erased.recordPosition)
      expect(await run(log.audit.verify())).toMatchObject({ _tag: "Intact", events: 5 })
    })

    it("catches a change to any byte of any column of a stored row", async () => {
      const log = await open()
      for (let i = 0; i < 5; i++) {
        await run(log.store.append(`t-${i % 2}`, [event(i)], { expected: ExpectedVersion.any, metadata }))
      }
      expect((await run(log.audit.verify()))._tag).toBe("Intact")
      const columns = [
        "stream_id",
        "stream_version",
        "event_id",
        "type",
        "schema_version",
        "data",
        "metadata",
        "recorded_at",
        "data_digest",
        "prev_hash",
        "hash",
        "erased",
      ] as const
      for (const position of [1, 3, 5]) {
        for (const column of columns) {
          const db = log.database.db
          const original = await db
            .selectFrom("events")
            .select(column)
            .where("position", "=", position)
            .executeTakeFirstOrThrow()
          const value = (original as Record<string, unknown>)[column]
          const tampered =
            typeof value === "number"
              ? value + 1000
              : `${String(value).slice(0, -1)}${String(value).endsWith("X") ? "Y" : "X"}`
          await db
            .updateTable("events")
            .set({ [column]: tampered })
            .where("position", "=", position)
            .execute()
          const report = await run(log.audit.verify())
          expect(report, `${column} at ${position}`).toMatchObject({ _tag: "Broken" })
          if (report._tag === "Broken")
            expect(report.link.position, `${column} at ${position}`).toBe(position)
          await db
            .updateTable("events")
            .set({ [column]: value })
            .where("position", "=", position)
            .execute()
        }
      }
      expect((await run(log.audit.verify()))._tag).toBe("Intact")
    })

    it("replays an idempotent append and refuses the key for a different request", async () => {
      const { store } = await open()
      const claim = { key: "acc-1:key-1", fingerprint: '{"amount":5}' }
      const first = await run(
        store.append("i", [event(1)], { expected: ExpectedVersion.any, metadata, idempotency: claim }),
      )
      const again = await run(
        store.append("i", [event(1)], { expected: ExpectedVersion.any, metadata, idempotency: claim }),
      )
      expect(again).toEqual({ ...first, replayed: true })
      expect(await run(store.streamVersion("i"))).toBe(1)
      const other = await run(
        Effect.either(
          store.append("i", [event(2)], {
            expected: ExpectedVersion.any,
            metadata,
            idempotency: { ...claim, fingerprint: '{"amount":6}' },
          }),
        ),
      )
      expect(Either.isLeft(other) && other.left._tag).toBe("IdempotencyKeyReused")
    })

    it("writes outbox rows in the append's transaction, and none when the append is refused", async () => {
      const log = await open()
      const outbox = [{ channel: "mail" as const, payload: { to: ["a@example.com"], subject: "Hi" } }]
      await run(log.store.append("o", [event(1)], { expected: ExpectedVersion.noStream, metadata, outbox }))
      await run(
        Effect.either(
          log.store.append("o", [event(2)], { expected: ExpectedVersion.noStream, metadata, outbox }),
        ),
      )
      const rows = await log.database.db.selectFrom("outbox").selectAll().execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ position: 1, channel: "mail", status: "pending", attempts: 0 })
      expect(JSON.parse(rows[0]?.payload ?? "null")).toEqual(outbox[0]?.payload)
    })

    it("keeps nothing of an append whose statement fails midway, and the next append goes on gap-free", async () => {
      const log = await open()
      const { db, target } = log.database
      // A write that fails after the events were sent: an outbox row a trigger refuses.
      if (target.dialect === "sqlite") {
        await sql`create trigger refuse_boom before insert on outbox when new.channel = 'boom'
          begin select raise(abort, 'refused by test'); end`.execute(db)
      } else {
        await sql`create function refuse_boom() returns trigger language plpgsql as $$
          begin if new.channel = 'boom' then raise exception 'refused by test'; end if; return new; end $$`.execute(
          db,
        )
        await sql`create trigger refuse_boom before insert on outbox for each row execute function refuse_boom()`.execute(
          db,
        )
      }
      await run(log.store.append("a", [event(1)], { expected: ExpectedVersion.noStream, metadata }))
      const refused = [{ channel: "boom" as "mail", payload: { to: ["a@example.com"], subject: "Hi" } }]
      const failed = await run(
        Effect.exit(
          log.store.append("b", [event(1), event(2)], {
            expected: ExpectedVersion.noStream,
            metadata,
            outbox: refused,
          }),
        ),
      )
      expect(failed._tag).toBe("Failure")
      expect(failed._tag === "Failure" && Cause.pretty(failed.cause)).toContain("refused by test")
      expect(await run(log.store.streamVersion("b"))).toBe(0)
      const next = await run(
        log.store.append("b", [event(3)], {
          expected: ExpectedVersion.noStream,
          metadata,
          outbox: [{ channel: "mail", payload: { to: ["a@example.com"], subject: "Hi" } }],
        }),
      )
      expect(next.positions).toEqual([2])
      expect(
        (await log.database.db.selectFrom("outbox").select("position").execute()).map((r) => r.position),
      ).toEqual([2])
    })

    it("keeps its schema version and refuses a database migrated by a newer version", async () => {
      const log = await open()
      await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(
        log.database.db,
      )
      const { openSqlEventLog } = await import("../../adapters/sql/sql-event-log.js")
      if (target.name !== "sqlite (memory)") {
        await expect(openSqlEventLog(log.url)).rejects.toThrow(/newer Portcullis/)
      }
    })
  })
