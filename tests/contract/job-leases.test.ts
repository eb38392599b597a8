import { it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { enqueue } from "../../application/jobs/job-channel.js"
import { mailJob } from "../../application/mail/mail-channel.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { jobRows, metadata, withQueue } from "../support/job-queue-fixture.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { allTargets } from "../support/stores.js"
import { slowChannel } from "../support/test-jobs.js"

/** Waits (in real time: the dispatcher is waiting on the database) until a fiber sleeps on the test clock. */
const untilSleeping = Effect.gen(function* () {
  while ((yield* TestClock.sleeps()).length === 0) {
    yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 5)))
  }
})

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

for (const target of allTargets) {
  describe(`job leases: ${target.name}`, () => {
    it.scoped(
      "a handler is cut off before its lease ends, and what is left of the batch is given back unrun",
      () =>
        Effect.gen(function* () {
          const { log, context } = yield* withQueue(target, smtp)
          // A millisecond apart, so the slow one is first in the batch.
          for (const seconds of [300, 1]) {
            yield* log.store.append("s", [], {
              expected: ExpectedVersion.any,
              metadata,
              outbox: [enqueue(slowChannel, { seconds })],
            })
            yield* TestClock.adjust("1 millis")
          }
          const round = yield* Effect.fork(Effect.provide(dispatchDue({}), context))
          yield* untilSleeping
          // The first handler gets 45 s of the 60 s lease; the margin left is no time to start the second.
          yield* TestClock.adjust("45 seconds")
          expect(yield* Fiber.join(round)).toMatchObject({ claimed: 2, retrying: 1, released: 1 })
          const [cut, given] = yield* jobRows(log)
          expect(cut).toMatchObject({ status: "pending", attempts: 1, lease_token: null })
          expect(cut!.last_error).toBe("the handler did not answer within its lease")
          expect(given).toMatchObject({
            status: "pending",
            attempts: 0,
            lease_token: null,
            lease_until: null,
          })

          // The job given back is due at once; the cut one waits out its back-off.
          const next = yield* Effect.fork(Effect.provide(dispatchDue({}), context))
          yield* untilSleeping
          yield* TestClock.adjust("1 second")
          expect(yield* Fiber.join(next)).toMatchObject({ claimed: 1, done: 1, released: 0 })
          expect((yield* jobRows(log)).map((r) => r.status)).toEqual(["pending", "done"])
        }),
    )

    it.scoped("sealed mail waits for a process with the server key, however long: no attempt ceiling", () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(target, smtp)
        const policy = { baseDelay: "1 second", maxDelay: "1 minute", maxAttempts: 2 } as const
        yield* log.store.append("s", [], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [mailJob("smtp", { sealed: "sealed-under-a-key-this-process-lacks" })],
        })
        for (let hour = 0; hour < 4; hour++) {
          expect(yield* Effect.provide(dispatchDue({ policy }), context)).toMatchObject({
            claimed: 1,
            retrying: 1,
          })
          yield* TestClock.adjust("1 hour")
        }
        const [row] = yield* jobRows(log)
        expect(row).toMatchObject({ status: "pending", attempts: 4 })
        expect(row!.last_error).toBe("sealed mail: this process has no server key")
      }),
    )
  })
}
