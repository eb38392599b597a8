// The switch programme as an operator runs it: customers registered through a real `serve`, then the
// plan previewed, run as a canary and the rest, run again for nothing, reported (JSON and CSV), its
// mails delivered by `jobs drain`, and the log replayed and verified.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli, startServer, tempDataDir } from "../support/cli.js"
import { expectOneLine } from "../support/support-fixture.js"
import { createManualPlan } from "../support/switch-cli.js"

const password = "Kagi2Mori#Tsuki"

describe("switch run and report, as an operator uses them", () => {
  it("switches in a canary batch and the rest, once, reports it, and leaves a log that replays", async () => {
    const env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "ops-7" }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const issue = async (channel: string) => {
      const issued = await cli(
        [
          "keys",
          "issue",
          "--product",
          "password-manager",
          "--package",
          "annual",
          "--expires",
          "2099-03-31",
          "--channel",
          channel,
        ],
        env,
      )
      expect(issued.status).toBe(0)
      return issued.stdout.trim()
    }
    const keys = [await issue("direct"), await issue("monthly-provider"), await issue("app-store")]
    const server = await startServer(env)
    try {
      for (const [i, licenseKey] of keys.entries()) {
        const email = `switch-cli${i}@example.jp`
        const created = await fetch(`http://127.0.0.1:${server.port}/v1/personal-accounts`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            licenseKey,
            acceptEula: true,
            email,
            password,
            passwordConfirmation: password,
          }),
        })
        expect(created.status).toBe(201)
      }
    } finally {
      await server.stop()
    }
    const made = await cli([...createManualPlan, "--json"], env)
    const { planId } = JSON.parse(made.stdout) as { planId: string }

    const canary = await cli(["switch", "run", planId, "--limit", "1", "--json"], env)
    expect(canary.status).toBe(0)
    expect(JSON.parse(canary.stdout)).toMatchObject({ planId, decided: 1, remaining: 2 })
    const rest = await cli(["switch", "run", planId, "--batch-size", "1", "--mail-rate", "120"], env)
    expect(rest.status).toBe(0)
    expect(rest.stdout).toContain("2 licence(s) decided in this run")
    expect(rest.stdout).toContain("every licence of the source product is decided")
    const again = JSON.parse((await cli(["switch", "run", planId, "--json"], env)).stdout)
    expect(again).toEqual({ planId, decided: 0, switched: 0, mailsQueued: 0, notSwitched: {}, remaining: 0 })

    expect((await cli(["jobs", "drain"], env)).status).toBe(0)
    const out = join(env.DATA_DIR, "results.csv")
    const reported = await cli(["switch", "report", planId, "--json", "--out", out], env)
    expect(reported.status).toBe(0)
    expect(JSON.parse(reported.stdout)).toMatchObject({
      planId,
      decided: 3,
      switched: 2,
      notSwitched: { "in-app-purchase": 1 },
      remaining: 0,
      mails: { queued: 2, sent: 2, waiting: 0, failed: 0 },
    })
    const csv = readFileSync(out, "utf8").split("\r\n")
    expect(csv[0]).toBe("license_id,account_id,outcome,reason,product_id,expires_on,decided_at")
    expect(csv.filter((line) => line.includes(",switched,,id-protection,2099-03-31,"))).toHaveLength(2)
    expect(csv.filter((line) => line.includes(",not-switched,in-app-purchase,,,"))).toHaveLength(1)
    const human = await cli(["switch", "report", planId], env)
    expect(human.stdout).toContain("mails:         2 sent, 0 waiting, 0 failed")

    const mails = await cli(["mail", "list", "--json"], env)
    const subjects = (JSON.parse(mails.stdout) as Array<{ subject: string }>).map((m) => m.subject)
    expect(
      subjects.filter((s) => s === "【Portcullis】ID プロテクションへの切り替えが完了しました"),
    ).toHaveLength(2)
    const events = await cli(
      ["events", "tail", "--stream", `switch-${planId}`, "--limit", "50", "--json"],
      env,
    )
    expect(events.stdout).toContain("SwitchBatchApplied")
    expect(events.stdout).toContain("ops-7")
    expect((await cli(["audit", "replay"], env)).status).toBe(0)
    expect((await cli(["audit", "verify"], env)).status).toBe(0)

    expectOneLine(await cli(["switch", "run", "nope"], env), 1, "no switch plan nope")
    expectOneLine(
      await cli(["switch", "run", planId, "--limit", "0"], env),
      2,
      "--limit must be a whole number above 0",
    )
    expectOneLine(await cli(["switch", "report", planId, "--out", out], env), 2, "exists")
    expectOneLine(await cli(["switch", "report", "nope"], env), 1, "no switch plan nope")
  })
})
