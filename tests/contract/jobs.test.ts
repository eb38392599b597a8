import { it } from "@effect/vitest"
import { Effect, Layer, Stream, TestClock } from "effect"
import { sql } from "kysely"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { SmtpMailerLive } from "../../adapters/mail/smtp-mailer.js"
import { makeSqlJobQueue } from "../../adapters/sql/jobs/sql-job-queue.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { dispatchDue, drainJobs } from "../../application/jobs/dispatch.js"
import { followUp } from "../../application/jobs/follow-up.js"
import { enqueue } from "../../application/jobs/job-channel.js"
import { JobHandlersLive } from "../../application/jobs/job-handler.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { nextAttemptDelay } from "../../application/jobs/retry-policy.js"
import { mailJob, mailJobHandler } from "../../application/mail/mail-channel.js"
import { ExpectedVersion, instantFromMillis, plusMillis } from "../../domain/kernel/index.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { allTargets, openTestLog, type StoreTarget } from "../support/stores.js"
import { tally } from "../support/tally.js"
import { neverChannel, neverHandler, tickChannel, tickHandler } from "../support/test-jobs.js"

const metadata = { actor: { kind: "system" as const, id: "test" }, correlationId: "corr-1" }
const start = Date.UTC(2026, 11, 1, 9, 0, 0)
const mail = (n: number) =>
  mailJob({ to: [`user${n}@example.com`], subject: `ご登録ありがとうございます ${n}`, text: `本文 ${n}` })

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

/** A fresh log with the queue, the mail handler over real SMTP and the test channels; the clock at `start`. */
const withQueue = (target: StoreTarget) =>
  Effect.gen(function* () {
    const log = yield* Effect.acquireRelease(
      Effect.promise(() => openTestLog(target)),
      (log) => Effect.promise(() => log.close()),
    )
    yield* TestClock.setTime(start)
    const layer = JobHandlersLive(mailJobHandler, tickHandler, neverHandler).pipe(
      Layer.provideMerge(
        Layer.mergeAll(
          Layer.succeed(JobQueue, makeSqlJobQueue(log.database)),
          Layer.succeed(EventStore, log.store),
          SmtpMailerLive({ url: smtp.url, from: "Portcullis <no-reply@example.com>" }),
        ),
      ),
    )
    return { log, context: yield* Layer.build(layer) }
  })

const jobRows = (log: Awaited<ReturnType<typeof openTestLog>>) =>
  Effect.promise(() =>
    log.database.db.selectFrom("outbox").selectAll().orderBy("created_at").orderBy("id").execute(),
  )

for (const target of allTargets) {
  describe(`job queue and dispatcher: ${target.name}`, () => {
    it.scoped("delivers mail committed with events over SMTP, once, and records the attempt", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target)
        const before = smtp.received.length
        yield* log.store.append("s", [{ type: "Noted", schemaVersion: 1, data: {} }], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [mail(1), mail(2)],
        })
        const summary = yield* Effect.provide(drainJobs(), context)
        expect(summary).toMatchObject({ claimed: 2, done: 2, retrying: 0, dead: 0 })
        const received = (yield* Effect.promise(() => smtp.waitFor(before + 2))).slice(before)
        expect(received.map((r) => r.mail.subject).sort()).toEqual([
          "ご登録ありがとうございます 1",
          "ご登録ありがとうございます 2",
        ])
        expect(yield* Effect.provide(drainJobs(), context)).toMatchObject({ claimed: 0 })
        const status = yield* Effect.provide(
          Effect.flatMap(JobQueue, (q) => q.status()),
          context,
        )
        expect(status.channels).toEqual([{ channel: "mail", pending: 0, done: 2, dead: 0 }])
        expect(status.nextDueAt).toBeUndefined()
        const attempts = yield* Effect.promise(() =>
          log.database.db.selectFrom("outbox_attempts").select(["outcome"]).execute(),
        )
        expect(attempts.map((a) => a.outcome)).toEqual(["done", "done"])
      }),
    )

    it.scoped(
      "backs off exponentially with jitter, gives up on a permanent refusal, keeps every attempt",
      () =>
        Effect.gen(function* () {
          const { log, context } = yield* withQueue(target)
          yield* log.store.append("s", [], { expected: ExpectedVersion.any, metadata, outbox: [mail(3)] })
          smtp.refuseNextRecipient(451, "try later")
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, retrying: 1 })
          const [row] = yield* jobRows(log)
          expect(row).toMatchObject({ status: "pending", attempts: 1 })
          expect(row!.last_error).toContain("451")
          // The first retry waits half to all of the base delay (5 s).
          const wait = Date.parse(row!.next_attempt_at) - start
          expect(wait).toBeGreaterThanOrEqual(2500)
          expect(wait).toBeLessThanOrEqual(5000)
          // Not due yet: a plain round leaves it alone; an operator's --now takes it.
          expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 0 })
          smtp.refuseNextRecipient(550, "no such user")
          expect(yield* Effect.provide(dispatchDue({ ignoreBackoff: true }), context)).toMatchObject({
            claimed: 1,
            dead: 1,
          })
          const attempts = yield* Effect.promise(() =>
            log.database.db
              .selectFrom("outbox_attempts")
              .select(["outcome"])
              .orderBy("attempted_at")
              .orderBy("id")
              .execute(),
          )
          expect(attempts.map((a) => a.outcome)).toEqual(["failed", "dead"])
          const status = yield* Effect.provide(
            Effect.flatMap(JobQueue, (q) => q.status()),
            context,
          )
          expect(status.totals).toEqual({ pending: 0, done: 0, dead: 1 })
          expect(status.dead).toEqual([
            expect.objectContaining({ id: row!.id, channel: "mail", attempts: 2 }),
          ])
          expect(status.dead[0]!.lastError).toContain("550")
        }),
    )

    it.scoped("a job that keeps failing is dead after the ceiling, and an operator's retry revives it", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target)
        const policy = { baseDelay: "1 second", maxDelay: "1 minute", maxAttempts: 3 } as const
        yield* log.store.append("s", [], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [enqueue(neverChannel, { n: 1 })],
        })
        for (let attempt = 1; attempt <= 2; attempt++) {
          expect(yield* Effect.provide(dispatchDue({ policy }), context)).toMatchObject({
            claimed: 1,
            retrying: 1,
          })
          yield* TestClock.adjust("1 minute")
        }
        expect(yield* Effect.provide(dispatchDue({ policy }), context)).toMatchObject({ claimed: 1, dead: 1 })
        const [row] = yield* jobRows(log)
        expect(row).toMatchObject({ status: "dead", attempts: 3 })
        expect(row!.last_error).toBe("not yet (gave up after 3 attempts)")
        yield* TestClock.adjust("1 hour")
        expect(yield* Effect.provide(dispatchDue({ policy }), context)).toMatchObject({ claimed: 0 })

        const queue = yield* Effect.provide(JobQueue, context)
        expect(yield* queue.retry(row!.id, instantFromMillis(start))).toBe("revived")
        expect(yield* queue.retry(row!.id, instantFromMillis(start))).toBe("not-dead")
        expect(yield* queue.retry("no-such-job", instantFromMillis(start))).toBe("unknown")
        expect(yield* Effect.provide(dispatchDue({ policy }), context)).toMatchObject({
          claimed: 1,
          retrying: 1,
        })
      }),
    )

    it.scoped("a job due later is not run before its time, not even by --now, and runs once when due", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target)
        const dueAt = plusMillis(instantFromMillis(start), 3_600_000)
        yield* log.store.append("tally-due", [], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [enqueue(tickChannel, { streamId: "tally-due", amount: 5 }, { dueAt })],
        })
        const status = yield* Effect.provide(
          Effect.flatMap(JobQueue, (q) => q.status()),
          context,
        )
        expect(status.nextDueAt).toBe(dueAt)
        expect(yield* Effect.provide(dispatchDue({ ignoreBackoff: true }), context)).toMatchObject({
          claimed: 0,
        })
        yield* TestClock.adjust("59 minutes")
        expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 0 })
        yield* TestClock.adjust("1 minute")
        // The tally was never opened: the follow-up is refused, and a refusal is final.
        expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, dead: 1 })
        const [row] = yield* jobRows(log)
        expect(row!.last_error).toBe("follow-up on tally-due refused: TallyNotOpen")
        expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 0 })
      }),
    )

    it.scoped("a follow-up's events carry the job's causation and are appended with its completion", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target)
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
          const { log, context } = yield* withQueue(target)
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
          const { log, context } = yield* withQueue(target)
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
const refuseOutboxInserts = async (log: Awaited<ReturnType<typeof openTestLog>>) => {
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

const allowOutboxInserts = async (log: Awaited<ReturnType<typeof openTestLog>>) => {
  if (log.database.target.dialect === "sqlite") await sql`drop trigger refuse_jobs`.execute(log.database.db)
  else await sql`drop trigger refuse_jobs on outbox`.execute(log.database.db)
}

describe("retry back-off", () => {
  it("grows exponentially with jitter and never passes the cap", () => {
    const policy = { baseDelay: "5 seconds", maxDelay: "1 hour", maxAttempts: 10 } as const
    expect(nextAttemptDelay(policy, 1, 0)).toBe(2500)
    expect(nextAttemptDelay(policy, 1, 1)).toBe(5000)
    expect(nextAttemptDelay(policy, 4, 1)).toBe(40_000)
    expect(nextAttemptDelay(policy, 30, 1)).toBe(3_600_000)
    expect(nextAttemptDelay(policy, 30, 0)).toBe(1_800_000)
  })
})
