// A notice (the switch run's mail) is addressed and rendered when it is sent: to the addresses the
// account has then, in its language; nothing for an account that is not there; and, like any mail,
// only by the transport it was queued for.
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { noticeMessage } from "../../application/accounts/account-notices.js"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { ExpectedVersion, instantFromMillis } from "../../domain/kernel/index.js"
import { sampleUser } from "../support/sample-account.js"
import { sqliteFile } from "../support/stores.js"
import { operator, start, type VaultApp, vaultApp } from "../support/vault-app.js"

let app: VaultApp
beforeAll(async () => {
  app = await vaultApp(sqliteFile)
  await app.run(seedSampleCatalog(operator))
})
afterAll(async () => app.close())

const switched = {
  _tag: "SwitchCompleted" as const,
  fromProduct: "password-manager",
  toProduct: "id-protection",
  expiresOn: "2026-03-31",
  otherLicences: ["app-store" as const],
  resultPath: "/switch",
}

const queue = (messages: ReturnType<typeof noticeMessage>[]) =>
  Effect.flatMap(EventStore, (store) =>
    store.append("notices-test", [], { expected: ExpectedVersion.any, metadata: operator, outbox: messages }),
  )

describe("account notices", () => {
  it("goes to the address the account has when it is sent, rendered in its language", async () => {
    const result = await app.run(
      Effect.gen(function* () {
        const accountId = yield* app.register
        yield* queue([noticeMessage("file", accountId, switched)])
        // Between the run and the delivery, the user's address changes: the mail goes to the new one.
        yield* runCommand(
          account,
          accountStreamId(accountId),
          {
            _tag: "ChangeUserDetails",
            user: { ...sampleUser, email: "new.address@example.co.jp" },
            at: instantFromMillis(start),
          },
          { metadata: operator },
        )
        const round = yield* dispatchDue({})
        const sent = yield* listMail(app.outboxDir)
        const mail = yield* showMail(app.outboxDir, sent[0]!.id)
        return { round, sent, mail }
      }),
    )
    expect(result.round).toMatchObject({ claimed: 1, done: 1 })
    expect(result.sent).toHaveLength(1)
    expect(result.mail.to).toContain("new.address@example.co.jp")
    expect(result.mail.subject).toBe("【Portcullis】ID プロテクションへの切り替えが完了しました")
    expect(result.mail.text).toContain("2026年3月31日")
    expect(result.mail.text).toContain("http://portcullis.test/switch")
    // The account already paid for the successor in the App Store: the mail says how to cancel one.
    expect(result.mail.text).toContain("App Store")
  })

  it("sends nothing to an account that is not there, and is done", async () => {
    const result = await app.run(
      Effect.gen(function* () {
        const before = (yield* listMail(app.outboxDir)).length
        yield* queue([noticeMessage("file", "01900000-0000-7000-8000-999999999999", switched)])
        const round = yield* dispatchDue({})
        const rows = yield* Effect.flatMap(app.sql, (db) =>
          Effect.promise(() =>
            db
              .selectFrom("outbox")
              .select(["status", "last_error"])
              .where("channel", "=", "notice")
              .execute(),
          ),
        )
        return { round, rows, added: (yield* listMail(app.outboxDir)).length - before }
      }),
    )
    expect(result.round).toMatchObject({ claimed: 1, done: 1 })
    expect(result.added).toBe(0)
    expect(result.rows.every((row) => row.status === "done")).toBe(true)
  })

  it("queued for SMTP, is left pending by a process that writes the file outbox", async () => {
    const result = await app.run(
      Effect.gen(function* () {
        const accountId = yield* app.register
        yield* queue([noticeMessage("smtp", accountId, switched)])
        const round = yield* dispatchDue({})
        const rows = yield* Effect.flatMap(app.sql, (db) =>
          Effect.promise(() =>
            db
              .selectFrom("outbox")
              .select(["status", "attempts"])
              .where("channel", "=", "notice")
              .where("status", "=", "pending")
              .execute(),
          ),
        )
        return { round, rows }
      }),
    )
    expect(result.round.done).toBe(0)
    expect(result.rows).toEqual([{ status: "pending", attempts: 0 }])
  })
})
