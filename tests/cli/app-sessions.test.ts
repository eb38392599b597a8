// Support's app-session commands on the real binary: an account's devices, and signing one out.
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { appSession, appSessionStreamId } from "../../domain/apps/app-session.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { cli, tempDataDir } from "../support/cli.js"
import { accountId, expectOneLine, loginId, registerAccounts } from "../support/support-fixture.js"

const phone = "01900000-0000-7000-8000-00000000a001"
const tablet = "01900000-0000-7000-8000-00000000a002"

/** Two devices signed in, written through the decider (the binary signs no app in). */
const openSessions = async (dataDir: string) => {
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  const at = instantFromMillis(Date.now())
  const open = (sessionId: string, deviceName: string) =>
    runCommand(
      appSession,
      appSessionStreamId(sessionId),
      {
        _tag: "Open",
        accountId,
        productId: "password-manager",
        deviceName,
        familyId: sessionId,
        refreshDigest: `digest-${sessionId}`,
        refreshExpiresAt: instantFromMillis(Date.now() + 86_400_000),
        at,
      },
      { metadata: { actor: { kind: "customer", id: accountId } } },
    )
  try {
    await Effect.runPromise(
      Effect.all([open(phone, "Phone"), open(tablet, "Tablet")]).pipe(
        Effect.provideService(EventStore, log.store),
      ),
    )
  } finally {
    await log.close()
  }
}

describe("app-sessions, as support uses them", () => {
  it("lists an account's devices, signs one out with the operator recorded, and refuses an unknown one", async () => {
    const env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-sato" }
    expect((await cli(["db", "migrate"], env)).status).toBe(0)
    await registerAccounts(env.DATA_DIR, [{ accountId, loginId }])
    await openSessions(env.DATA_DIR)

    const listed = await cli(["app-sessions", "list", loginId, "--json"], env)
    expect(listed.status).toBe(0)
    const shown = JSON.parse(listed.stdout) as { sessions: Array<{ sessionId: string; deviceName: string }> }
    expect(shown.sessions.map((s) => s.deviceName).sort()).toEqual(["Phone", "Tablet"])
    const table = await cli(["app-sessions", "list", loginId], env)
    expect(table.stdout).toMatch(/SESSION\s+PRODUCT\s+DEVICE/)
    expect(table.stdout).toContain("password-manager")
    expect(table.stdout).not.toContain("digest-")

    const ended = await cli(["app-sessions", "end", phone], env)
    expect(ended.status).toBe(0)
    expect(ended.stdout).toContain("signed out")
    // Again: nothing more to end, and still a success.
    expect((await cli(["app-sessions", "end", phone], env)).status).toBe(0)
    const open = JSON.parse((await cli(["app-sessions", "list", accountId, "--json"], env)).stdout)
    expect(open.sessions.map((s: { deviceName: string }) => s.deviceName)).toEqual(["Tablet"])
    const all = await cli(["app-sessions", "list", loginId, "--ended"], env)
    expect(all.stdout).toMatch(/ended .* \(support\)/)

    const events = await cli(["events", "tail", "--stream", appSessionStreamId(phone), "--json"], env)
    expect(events.stdout).toContain("support-sato")
    expectOneLine(
      await cli(["app-sessions", "end", "no-such-session"], env),
      1,
      "no app session no-such-session",
    )
    expectOneLine(await cli(["app-sessions", "list", "nobody"], env), 1, "nobody")
  })
})
