import { join } from "node:path"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { mailJob } from "../../application/mail/mail-channel.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { cli, tempDataDir } from "../support/cli.js"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(async () => smtp.close())

/** A data folder with one customer's mail, queued by a server that sends over SMTP. */
const queuedForSmtp = async () => {
  const dataDir = tempDataDir()
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  await Effect.runPromise(
    log.store.append("account-1", [{ type: "Noted", schemaVersion: 1, data: {} }], {
      expected: ExpectedVersion.any,
      metadata: { actor: { kind: "operator" as const, id: "op-1" } },
      outbox: [mailJob("smtp", { to: ["hanako@example.com"], subject: "登録完了", text: "ようこそ" })],
    }),
  )
  await log.close()
  return { DATA_DIR: dataDir }
}

describe("jobs drain and the transport mail was queued for", () => {
  it("a shell without SMTP_URL leaves SMTP mail pending, says why in one line, and SMTP sends it later", async () => {
    const env = await queuedForSmtp()
    const drained = await cli(["outbox", "drain"], env)
    expect(drained.status).toBe(1)
    // Besides the JSON log lines, the one line a person reads.
    const complaint = drained.stderr
      .trim()
      .split("\n")
      .filter((line) => !line.startsWith("{"))
    expect(complaint).toHaveLength(1)
    expect(complaint[0]).toContain("1 job(s) left pending, not tried: mail queued for SMTP")
    expect(complaint[0]).toContain("SMTP_URL")
    expect(JSON.parse((await cli(["mail", "list", "--json"], env)).stdout)).toEqual([])
    const status = JSON.parse((await cli(["jobs", "status", "--json"], env)).stdout)
    expect(status.channels).toEqual([{ channel: "mail", pending: 1, done: 0, dead: 0 }])

    // LOG_LEVEL: the CLI's warnings reach stdout today (NodeRuntime.runMain's pretty logger stays in
    // place beside LOG_FORMAT's), which would break the JSON; reported, not this test's subject.
    const again = await cli(["jobs", "drain", "--json"], { ...env, LOG_LEVEL: "Error" })
    expect(again.status).toBe(1)
    expect(JSON.parse(again.stdout)).toMatchObject({ claimed: 1, done: 0, leftPending: 1 })

    const before = smtp.received.length
    const sent = await cli(["jobs", "drain", "--json"], { ...env, SMTP_URL: smtp.url })
    expect(sent.status).toBe(0)
    expect(JSON.parse(sent.stdout)).toMatchObject({ claimed: 1, done: 1, leftPending: 0 })
    const [received] = (await smtp.waitFor(before + 1)).slice(before)
    expect(received!.envelopeTo).toEqual(["hanako@example.com"])
  })
})
