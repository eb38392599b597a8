// Support's instance commands on the real binary: the list, one instance with the saga's timeline
// (attempts and the console's temporary problem), resuming its waiting step, and the simulated
// console's faults.
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { type InstanceCommand, instance, instanceStreamId } from "../../domain/instances/instance.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { cli, tempDataDir } from "../support/cli.js"

const instanceId = "ab".repeat(32)
const start = Date.now() - 3_600_000
const at = (minutes: number) => instantFromMillis(start + minutes * 60_000)
const acceptances = {
  licenseAgreement: true,
  privacyNotice: true,
  dataCollectionNotice: true,
  acknowledged: true,
}

/** An instance whose first update attempt met the console's temporary problem, and whose second waits. */
const recordInstance = async (dataDir: string) => {
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  const update = (minutes: number): InstanceCommand => ({
    _tag: "RequestUpdate",
    acceptances,
    licenceExpiresOn: "2099-12-31",
    today: at(minutes).slice(0, 10),
    at: at(minutes),
  })
  const commands: ReadonlyArray<InstanceCommand> = [
    {
      _tag: "RequestProvisioning",
      accountId: "acc-1",
      licenseKeyHash: instanceId,
      productId: "apex-one-saas",
      at: at(0),
    },
    { _tag: "RecordProvisioned", at: at(1) },
    { _tag: "IssueToken", tokenDigest: "digest", expiresAt: at(60), at: at(2) },
    { _tag: "PresentToken", tokenDigest: "digest", consoleUsers: [], at: at(3) },
    update(4),
    {
      _tag: "RecordUpdateFailedForNow",
      attempt: 1,
      reason: "一時的な問題が発生しました。",
      retryAt: at(10),
      at: at(5),
    },
    update(11),
  ]
  try {
    await Effect.runPromise(
      Effect.forEach(commands, (command) =>
        runCommand(instance, instanceStreamId(instanceId), command, {
          metadata: { actor: { kind: "system", id: "test" } },
        }),
      ).pipe(Effect.provideService(EventStore, log.store)),
    )
  } finally {
    await log.close()
  }
}

describe("instances, as support uses them", () => {
  it("lists, shows the timeline, resumes the waiting step and sets the simulated console's faults", async () => {
    const env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-sato" }
    expect((await cli(["db", "migrate"], env)).status).toBe(0)
    await recordInstance(env.DATA_DIR)

    const listed = await cli(["instances", "list", "--json"], env)
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ instanceId, status: "updating", productId: "apex-one-saas", attempts: 2 }),
    ])

    const shown = await cli(["instances", "show", instanceId, "--json"], env)
    expect(shown.status).toBe(0)
    const report = JSON.parse(shown.stdout)
    expect(report).toMatchObject({ id: instanceId, status: "updating", accountId: "acc-1" })
    expect(report.timeline.map((t: { event: string }) => t.event)).toEqual([
      "ProvisioningRequested",
      "ConsoleProvisioned",
      "RegistrationTokenIssued",
      "InstanceConnected",
      "UpdateRequested",
      "UpdateFailedForNow",
      "UpdateRequested",
    ])
    expect(report.timeline[5]).toMatchObject({ attempt: 1, detail: expect.stringContaining("一時的な問題") })
    expect(shown.stdout).not.toContain("digest")
    const text = await cli(["instances", "show", instanceId], env)
    expect(text.stdout).toContain("UpdateFailedForNow #1")

    const resumed = await cli(["instances", "retry", instanceId, "--json"], env)
    expect(resumed.status).toBe(0)
    expect(JSON.parse(resumed.stdout)).toEqual({ instanceId, resumed: true })
    const after = JSON.parse((await cli(["instances", "show", instanceId, "--json"], env)).stdout)
    expect(after.timeline.at(-1)).toMatchObject({
      event: "SagaResumed",
      attempt: 2,
      detail: "step start-update",
    })
    // The resumed step's job, as the queue holds it (a dead one would show its last error).
    expect(after.jobs).toEqual([
      expect.objectContaining({ step: "StartUpdate", state: "pending", attempts: 0 }),
    ])
    expect(report.jobs).toEqual([])
    expect((await cli(["instances", "show", instanceId], env)).stdout).toMatch(/StartUpdate\s+pending/)

    const faults = await cli(["instances", "console-faults", "--script", "fail,fail,ok", "--json"], env)
    expect(faults.status).toBe(0)
    expect(JSON.parse(faults.stdout)).toEqual({ script: ["fail", "fail", "ok"], next: 0, failureRate: 0 })
    expect((await cli(["instances", "console-faults", "--script", "maybe"], env)).status).toBe(2)
    expect((await cli(["instances", "show", "nope"], env)).status).toBe(1)
  })
})
