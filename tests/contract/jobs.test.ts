import { it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { dispatchDue, drainJobs } from "../../application/jobs/dispatch.js"
import { enqueue } from "../../application/jobs/job-channel.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { nextAttemptDelay } from "../../application/jobs/retry-policy.js"
import { mailJob } from "../../application/mail/mail-channel.js"
import { ExpectedVersion, instantFromMillis, plusMillis } from "../../domain/kernel/index.js"
import { jobRows, metadata, start, withQueue } from "../support/job-queue-fixture.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { allTargets } from "../support/stores.js"
import { neverChannel, tickChannel } from "../support/test-jobs.js"

const mail = (n: number) =>
  mailJob("smtp", {
    to: [`user${n}@example.com`],
    subject: `ご登録ありがとうございます ${n}`,
    text: `本文 ${n}`,
  })

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

for (const target of allTargets) {
  describe(`job queue and dispatcher: ${target.name}`, () => {
    it.scoped("delivers mail committed with events over SMTP, once, and records the attempt", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target, smtp)
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
          const { log, context } = yield* withQueue(target, smtp)
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
        const { log, context } = yield* withQueue(target, smtp)
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
        const { log, context } = yield* withQueue(target, smtp)
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
  })
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
