import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { it } from "@effect/vitest"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { FileMailerLive } from "../../adapters/mail/index.js"
import { dispatchDue, drainJobs } from "../../application/jobs/dispatch.js"
import { mailJob } from "../../application/mail/mail-channel.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { dispatcherOver, jobRows, metadata, withQueue } from "../support/job-queue-fixture.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { sqliteMemory } from "../support/stores.js"

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

const welcome = mailJob("smtp", {
  to: ["hanako@example.com"],
  subject: "ご登録ありがとうございます",
  text: "本文",
})

describe("mail jobs", () => {
  it.scoped(
    "a retry after a lost SMTP reply sends the same Message-ID, so the receiver can drop the copy",
    () =>
      Effect.gen(function* () {
        const { log, context } = yield* withQueue(sqliteMemory, smtp)
        const before = smtp.received.length
        yield* log.store.append("s", [], { expected: ExpectedVersion.any, metadata, outbox: [welcome] })
        smtp.dropNextReply()
        expect(yield* Effect.provide(dispatchDue({}), context)).toMatchObject({ claimed: 1, retrying: 1 })
        expect(yield* Effect.provide(dispatchDue({ ignoreBackoff: true }), context)).toMatchObject({
          claimed: 1,
          done: 1,
        })
        const [first, second] = (yield* Effect.promise(() => smtp.waitFor(before + 2))).slice(before)
        expect(first!.mail.messageId).toMatch(/^<.+@example\.com>$/)
        expect(second!.mail.messageId).toBe(first!.mail.messageId)
        const [row] = yield* jobRows(log)
        expect(row).toMatchObject({ status: "done", attempts: 2 })
        expect(first!.mail.messageId).toContain(row!.id)
      }),
  )
})

describe("mail jobs and the transport they were queued for", () => {
  it.scoped(
    "mail queued for SMTP stays pending in a process with the file outbox, untried, for SMTP to send",
    () =>
      Effect.gen(function* () {
        const { log, context: smtpProcess } = yield* withQueue(sqliteMemory, smtp)
        const dir = yield* Effect.acquireRelease(
          Effect.promise(() => mkdtemp(join(tmpdir(), "portcullis-outbox-"))),
          (dir) => Effect.promise(() => rm(dir, { recursive: true, force: true })),
        )
        const fileProcess = yield* dispatcherOver(log, FileMailerLive({ dir, from: "no-reply@example.com" }))
        const before = smtp.received.length
        yield* log.store.append("s", [], { expected: ExpectedVersion.any, metadata, outbox: [welcome] })

        const drained = yield* Effect.provide(drainJobs({ ignoreBackoff: true }), fileProcess)
        expect(drained).toMatchObject({ claimed: 1, done: 0, retrying: 0, dead: 0, leftPending: 1 })
        expect(drained.leftReasons).toEqual([
          "mail queued for SMTP; this process delivers to the file outbox",
        ])
        const [row] = yield* jobRows(log)
        expect(row).toMatchObject({ status: "pending", attempts: 0, completed_at: null })
        expect(yield* Effect.promise(() => readdir(dir))).toEqual([])

        // The drain gave its lease back: an SMTP process sends the mail at once.
        expect(yield* Effect.provide(drainJobs(), smtpProcess)).toMatchObject({ claimed: 1, done: 1 })
        const [sent] = (yield* Effect.promise(() => smtp.waitFor(before + 1))).slice(before)
        expect(sent!.envelopeTo).toEqual(["hanako@example.com"])
      }),
  )

  it.scoped("mail queued for the file outbox is not sent over SMTP either", () =>
    Effect.gen(function* () {
      const { log, context: smtpProcess } = yield* withQueue(sqliteMemory, smtp)
      const before = smtp.received.length
      const local = mailJob("file", { to: ["dev@example.com"], subject: "local", text: "本文" })
      yield* log.store.append("s", [], { expected: ExpectedVersion.any, metadata, outbox: [local] })
      expect(yield* Effect.provide(drainJobs(), smtpProcess)).toMatchObject({ claimed: 1, leftPending: 1 })
      expect(yield* jobRows(log)).toEqual([expect.objectContaining({ status: "pending", attempts: 0 })])
      expect(smtp.received).toHaveLength(before)
    }),
  )
})
