// The job queue over a fresh test log, with the mail handler over real SMTP and the test channels.
import { Effect, Layer, TestClock } from "effect"
import { SmtpMailerLive } from "../../adapters/mail/smtp-mailer.js"
import { makeSqlJobQueue } from "../../adapters/sql/jobs/sql-job-queue.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { JobHandlersLive } from "../../application/jobs/job-handler.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { mailJobHandler } from "../../application/mail/mail-channel.js"
import type { Mailer } from "../../application/mail/mailer.js"
import type { SmtpTestServer } from "./smtp-test-server.js"
import { openTestLog, type StoreTarget } from "./stores.js"
import { neverHandler, slowHandler, tickHandler } from "./test-jobs.js"

export const metadata = { actor: { kind: "system" as const, id: "test" }, correlationId: "corr-1" }
/** Where the test clock stands when a queue is opened. */
export const start = Date.UTC(2026, 11, 1, 9, 0, 0)

export type TestLog = Awaited<ReturnType<typeof openTestLog>>

const smtpMailer = (smtp: SmtpTestServer) =>
  SmtpMailerLive({ url: smtp.url, from: "Portcullis <no-reply@example.com>" })

/** A dispatcher's context over `log`, with mail sent by `mailer`: each call stands for another process. */
export const dispatcherOver = (log: TestLog, mailer: Layer.Layer<Mailer>) =>
  Layer.build(
    JobHandlersLive(mailJobHandler, tickHandler, neverHandler, slowHandler).pipe(
      Layer.provideMerge(
        Layer.mergeAll(
          Layer.succeed(JobQueue, makeSqlJobQueue(log.database)),
          Layer.succeed(EventStore, log.store),
          mailer,
        ),
      ),
    ),
  )

/** A fresh log and the context to dispatch in (closed with the test's scope); the clock at `start`. */
export const withQueue = (target: StoreTarget, smtp: SmtpTestServer) =>
  Effect.gen(function* () {
    const log = yield* Effect.acquireRelease(
      Effect.promise(() => openTestLog(target)),
      (log) => Effect.promise(() => log.close()),
    )
    yield* TestClock.setTime(start)
    return { log, context: yield* dispatcherOver(log, smtpMailer(smtp)) }
  })

export const jobRows = (log: TestLog) =>
  Effect.promise(() =>
    log.database.db.selectFrom("outbox").selectAll().orderBy("created_at").orderBy("id").execute(),
  )
