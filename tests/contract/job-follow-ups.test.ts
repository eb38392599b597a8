import { it } from "@effect/vitest"
import { Effect, Stream, TestClock } from "effect"
import { sql } from "kysely"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { followUp } from "../../application/jobs/follow-up.js"
import { enqueue } from "../../application/jobs/job-channel.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { ExpectedVersion, instantFromMillis } from "../../domain/kernel/index.js"
import { jobRows, metadata, start, type TestLog, withQueue } from "../support/job-queue-fixture.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { allTargets } from "../support/stores.js"
import { tally } from "../support/tally.js"
import { tickChannel } from "../support/test-jobs.js"

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

for (const target of allTargets) {
  describe(`job follow-ups: ${target.name}`, () => {
    it.scoped("a follow-up's events carry the job's causation and are appended with its completion", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target, smtp)
        const opened = yield* log.store.append(
          "tally-f",
          [{ type: "TallyOpened", schemaVersion: 1, data: { name: "f", at: "x" } }],
          {
            expected: ExpectedVersion.noStream,
            metadata,
            outbox: [enqueue(tickChannel, { streamId: "tally-f", amount: 2, chain: true })],
          },
        )
        const cause = (yield* log.store.readStream("tally-f")).at(-1)!
        expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, done: 1 })
        const events = yield* log.store.readStream("tally-f")
        expect(events.map((e) => e.type)).toEqual(["TallyOpened", "AmountAdded"])
        expect(events[1]!.metadata).toEqual({
          actor: { kind: "system", id: "jobs/test-tick" },
          correlationId: "corr-1",
          causationId: cause.eventId,
        })
        expect(opened.nextVersion).toBe(1)
        const rows = yield* jobRows(log)
        expect(rows.map((r) => [r.status, r.attempts])).toEqual([
          ["done", 1],
          ["pending", 0],
        ])
        // The next tick, written by the follow-up, answers the follow-up's event.
        expect(rows[1]!.causation_id).toBe(events[1]!.eventId)
        const attempts = yield* Effect.promise(() =>
          log.database.db.selectFrom("outbox_attempts").selectAll().execute(),
        )
        expect(attempts).toEqual([expect.objectContaining({ message_id: rows[0]!.id, outcome: "done" })])
      }),
    )

    it.scoped(
      "a crash while the follow-up is written leaves neither it nor the completion; the retry writes it once",
      () =>
        Effect.gen(function* () {
          const { log, context } = yield* withQueue(target, smtp)
          yield* log.store.append(
            "tally-c",
            [{ type: "TallyOpened", schemaVersion: 1, data: { name: "c", at: "x" } }],
            {
              expected: ExpectedVersion.noStream,
              metadata,
              outbox: [enqueue(tickChannel, { streamId: "tally-c", amount: 3, chain: true })],
            },
          )
          // The follow-up's own job row is written after its events, in the same transaction: refusing
          // it fails the transaction between the events and the commit.
          yield* Effect.promise(() => refuseOutboxInserts(log))
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, retrying: 1 })
          expect((yield* log.store.readStream("tally-c")).map((e) => e.type)).toEqual(["TallyOpened"])
          const [failed] = yield* jobRows(log)
          expect(failed).toMatchObject({ status: "pending", attempts: 1 })
          expect(failed!.last_error).toBe("follow-up on tally-c failed: append failed: refused by test")

          yield* Effect.promise(() => allowOutboxInserts(log))
          yield* TestClock.adjust("1 hour")
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, done: 1 })
          yield* TestClock.adjust("1 hour")
          yield* Effect.provide(dispatchDue({}), context)
          const types = (yield* log.store.readStream("tally-c")).map((e) => e.type)
          expect(types).toEqual(["TallyOpened", "AmountAdded", "AmountAdded"])
          const added = (yield* log.store.readStream("tally-c"))
            .slice(1)
            .map((e) => (e.data as { amount: number }).amount)
          expect(added).toEqual([3, 1])
        }),
    )

    it.scoped(
      "a dispatcher whose lease ran out writes no follow-up: the one that took the job over does, once",
      () =>
        Effect.gen(function* () {
          const { log, context } = yield* withQueue(target, smtp)
          yield* log.store.append(
            "tally-l",
            [{ type: "TallyOpened", schemaVersion: 1, data: { name: "l", at: "x" } }],
            {
              expected: ExpectedVersion.noStream,
              metadata,
              outbox: [enqueue(tickChannel, { streamId: "tally-l", amount: 7 })],
            },
          )
          const queue = yield* Effect.provide(JobQueue, context)
          const slow = yield* queue.claimDue({
            now: instantFromMillis(start),
            channels: ["test-tick"],
            limit: 1,
            leaseMillis: 60_000,
          })
          expect(slow).toHaveLength(1)
          // While the lease holds nobody else gets the job; once it has run out, another dispatcher does.
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 0 })
          yield* TestClock.adjust("61 seconds")
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, done: 1 })
          // The slow one finishes late: its completion finds another lease, so nothing is written.
          const late = yield* Effect.either(
            Effect.provide(
              followUp(tally, "tally-l", { _tag: "Add", amount: 7, at: "late" }).run({
                metadata,
                completes: {
                  id: slow[0]!.id,
                  leaseToken: slow[0]!.leaseToken,
                  at: instantFromMillis(start),
                  detail: "late",
                },
              }),
              context,
            ),
          )
          expect(late._tag === "Left" && late.left._tag).toBe("JobLeaseLost")
          const added = (yield* log.store.readStream("tally-l")).filter((e) => e.type === "AmountAdded")
          expect(added).toHaveLength(1)
          expect((yield* jobRows(log)).map((r) => [r.status, r.attempts])).toEqual([["done", 1]])
          const all = yield* Stream.runCollect(log.store.readAll())
          expect(all.length).toBe(2)
        }),
    )
  })
}

// Dialect-specific failure injection: a trigger that refuses new job rows.
const refuseOutboxInserts = async (log: TestLog) => {
  if (log.database.target.dialect === "sqlite") {
    await sql`create trigger refuse_jobs before insert on outbox begin select raise(abort, 'refused by test'); end`.execute(
      log.database.db,
    )
  } else {
    await sql`create function refuse_jobs() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`.execute(
      log.database.db,
    )
    await sql`create trigger refuse_jobs before insert on outbox for each row execute function refuse_jobs()`.execute(
      log.database.db,
    )
  }
}

const allowOutboxInserts = async (log: TestLog) => {
  if (log.database.target.dialect === "sqlite") await sql`drop trigger refuse_jobs`.execute(log.database.db)
  else await sql`drop trigger refuse_jobs on outbox`.execute(log.database.db)
}
