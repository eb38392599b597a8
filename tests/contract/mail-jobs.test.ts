import { it } from "@effect/vitest"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { mailJob } from "../../application/mail/mail-channel.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { jobRows, metadata, withQueue } from "../support/job-queue-fixture.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { sqliteMemory } from "../support/stores.js"

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

const welcome = mailJob({ to: ["hanako@example.com"], subject: "ご登録ありがとうございます", text: "本文" })

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
