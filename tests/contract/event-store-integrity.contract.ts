import { Cause, Effect, Either } from "effect"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import type { StoreTarget } from "../support/stores.js"
import { event, logsFor, metadata, run } from "./event-store-support.js"

/** The event-store contract, integrity: erasure, tampering, idempotency, outbox rows, torn writes, schema version. */
export const testEventStoreIntegrity = (target: StoreTarget) =>
  describe(`event store integrity contract: ${target.name}`, () => {
    const open = logsFor(target)

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
