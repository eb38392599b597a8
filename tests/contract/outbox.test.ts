import { Effect, Layer } from "effect"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { SmtpMailerLive } from "../../adapters/mail/smtp-mailer.js"
import { makeSqlOutbox } from "../../adapters/sql/outbox/sql-outbox.js"
import type { Mailer } from "../../application/mail/mailer.js"
import { dispatchDue, drainOutbox, nextAttemptDelay } from "../../application/outbox/dispatch.js"
import { Outbox } from "../../application/outbox/outbox.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { type SmtpTestServer, startSmtpTestServer, unusedSmtpUrl } from "../support/smtp-test-server.js"
import { allTargets, openTestLog } from "../support/stores.js"

const metadata = { actor: { kind: "system" as const, id: "test" } }
const mail = (n: number) => ({
  channel: "mail" as const,
  payload: { to: [`user${n}@example.com`], subject: `ご登録ありがとうございます ${n}`, text: `本文 ${n}` },
})

type Log = Awaited<ReturnType<typeof openTestLog>>

for (const target of allTargets) {
  describe(`outbox and dispatcher: ${target.name}`, () => {
    let smtp: SmtpTestServer
    const logs: Array<Log> = []
    beforeAll(async () => {
      smtp = await startSmtpTestServer()
    })
    afterAll(async () => smtp.close())
    afterEach(async () => {
      await Promise.all(logs.splice(0).map((log) => log.close()))
    })

    const setup = async (smtpUrl: string) => {
      const log = await openTestLog(target)
      logs.push(log)
      const layer = Layer.merge(
        Layer.succeed(Outbox, makeSqlOutbox(log.database)),
        SmtpMailerLive({ url: smtpUrl, from: "Portcullis <no-reply@example.com>" }),
      )
      const run = <A, E>(effect: Effect.Effect<A, E, Outbox | Mailer>) =>
        Effect.runPromise(Effect.scoped(Effect.provide(effect, layer)))
      return { log, run }
    }

    it("delivers messages committed with events over SMTP, once, and records the attempt", async () => {
      const { log, run } = await setup(smtp.url)
      const before = smtp.received.length
      await Effect.runPromise(
        log.store.append("s", [{ type: "Noted", schemaVersion: 1, data: {} }], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [mail(1), mail(2)],
        }),
      )
      const summary = await run(drainOutbox())
      expect(summary).toMatchObject({ claimed: 2, delivered: 2, retrying: 0, dead: 0 })
      const received = (await smtp.waitFor(before + 2)).slice(before)
      expect(received.map((r) => r.mail.subject).sort()).toEqual([
        "ご登録ありがとうございます 1",
        "ご登録ありがとうございます 2",
      ])
      expect(received.map((r) => r.envelopeTo[0]).sort()).toEqual(["user1@example.com", "user2@example.com"])
      expect(await run(drainOutbox())).toMatchObject({ claimed: 0 })
      expect(await run(Effect.flatMap(Outbox, (o) => o.stats))).toEqual({ pending: 0, delivered: 2, dead: 0 })
      const attempts = await log.database.db.selectFrom("outbox_attempts").select(["outcome"]).execute()
      expect(attempts.map((a) => a.outcome)).toEqual(["delivered", "delivered"])
    })

    it("backs off after a transient failure, gives up on a permanent one, and keeps every attempt", async () => {
      const { log, run } = await setup(smtp.url)
      await Effect.runPromise(
        log.store.append("s", [], { expected: ExpectedVersion.any, metadata, outbox: [mail(3)] }),
      )
      smtp.refuseNextRecipient(451, "try later")
      expect(await run(dispatchDue({}))).toMatchObject({ claimed: 1, retrying: 1 })
      const row = await log.database.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow()
      expect(row).toMatchObject({ status: "pending", attempts: 1 })
      expect(row.last_error).toContain("451")
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now())
      // Not due yet: a plain round leaves it alone; an operator's --now takes it.
      expect(await run(dispatchDue({}))).toMatchObject({ claimed: 0 })
      smtp.refuseNextRecipient(550, "no such user")
      expect(await run(dispatchDue({ ignoreBackoff: true }))).toMatchObject({ claimed: 1, dead: 1 })
      const attempts = await log.database.db
        .selectFrom("outbox_attempts")
        .select(["outcome", "detail"])
        .orderBy("attempted_at")
        .orderBy("id")
        .execute()
      expect(attempts.map((a) => a.outcome)).toEqual(["failed", "dead"])
      expect(await run(Effect.flatMap(Outbox, (o) => o.stats))).toEqual({ pending: 0, delivered: 0, dead: 1 })
    })

    it("leases a message to one dispatcher at a time", async () => {
      const { log } = await setup(await unusedSmtpUrl())
      await Effect.runPromise(
        log.store.append("s", [], {
          expected: ExpectedVersion.any,
          metadata,
          outbox: [mail(4), mail(5), mail(6)],
        }),
      )
      const outbox = makeSqlOutbox(log.database)
      const now = new Date()
      const claims = await Promise.all(
        Array.from({ length: 4 }, () =>
          Effect.runPromise(outbox.claimDue({ now, limit: 2, leaseMillis: 60_000 })),
        ),
      )
      const ids = claims.flat().map((e) => e.id)
      expect(ids).toHaveLength(3)
      expect(new Set(ids).size).toBe(3)
      const later = new Date(now.getTime() + 61_000)
      expect(
        await Effect.runPromise(outbox.claimDue({ now: later, limit: 10, leaseMillis: 60_000 })),
      ).toHaveLength(3)
    })
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
