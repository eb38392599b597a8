import { spawn } from "node:child_process"
import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { enqueue } from "../../application/jobs/job-channel.js"
import { ExpectedVersion, instantFromMillis } from "../../domain/kernel/index.js"
import { openTestLog, postgres, sqliteFile } from "../support/stores.js"
import { tickChannel } from "../support/test-jobs.js"

/** A dispatcher process; `ready` once it has polled the queue, `report` when it has stopped. */
const startWorker = (url: string, id: number, until: number) => {
  const child = spawn(process.execPath, ["dist/tests/support/job-worker.js", url, String(id), String(until)])
  let output = ""
  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString()
    if (output.includes("ready\n")) markReady()
  })
  const report = new Promise<{ ran: number; rounds: number }>((resolve, reject) => {
    child.on("error", reject)
    child.on("exit", (code) => {
      markReady()
      const last = output.trim().split("\n").at(-1) ?? ""
      code === 0 ? resolve(JSON.parse(last)) : reject(new Error(`worker ${id} exited with ${code}`))
    })
  })
  return { ready, report }
}
const metadata = { actor: { kind: "system" as const, id: "test" } }
type Log = Awaited<ReturnType<typeof openTestLog>>

// Two dispatchers in their own OS processes (as two `serve` instances), knowing of the job only what
// another process wrote to the database: the job runs once, and not before it is due.
describe.each([sqliteFile, postgres])("a job due later, two dispatcher processes: $name", (target) => {
  const logs: Array<Log> = []
  afterEach(async () => {
    await Promise.all(logs.splice(0).map((log) => log.close()))
  })

  it("is found by them once it is due and runs exactly once", async () => {
    const log = await openTestLog(target)
    logs.push(log)
    const workers = [1, 2].map((id) => startWorker(log.url, id, Date.now() + 30_000))
    await Promise.all(workers.map((w) => w.ready))
    const dueAt = instantFromMillis(Date.now() + 1500)
    await Effect.runPromise(
      log.store.append(
        "tally-p",
        [{ type: "TallyOpened", schemaVersion: 1, data: { name: "p", at: dueAt } }],
        {
          expected: ExpectedVersion.noStream,
          metadata,
          outbox: [enqueue(tickChannel, { streamId: "tally-p", amount: 9 }, { dueAt })],
        },
      ),
    )
    const reports = await Promise.all(workers.map((w) => w.report))
    expect(reports.reduce((n, r) => n + r.ran, 0)).toBe(1)
    // Both polled before the job was written and went on until it was done: the run was contested.
    for (const report of reports) expect(report.rounds).toBeGreaterThan(1)

    const added = (await Effect.runPromise(log.store.readStream("tally-p"))).filter(
      (e) => e.type === "AmountAdded",
    )
    expect(added).toHaveLength(1)
    expect(added[0]!.recordedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(dueAt))
    const rows = await log.database.db.selectFrom("outbox").select(["status", "attempts"]).execute()
    expect(rows).toEqual([{ status: "done", attempts: 1 }])
  })
})
