import { Effect } from "effect"
import { afterEach } from "vitest"
import type { NewEvent } from "../../domain/kernel/index.js"
import { openTestLog, type StoreTarget } from "../support/stores.js"

export const run = Effect.runPromise
export const metadata = { actor: { kind: "customer" as const, id: "acc-1" }, requestId: "req-1" }
export const event = (n: number): NewEvent => ({
  type: "Noted",
  schemaVersion: 1,
  data: { n, text: `note ${n}`, 日本語: "鍵" },
})

type Log = Awaited<ReturnType<typeof openTestLog>>

/** Fresh logs for one describe block, closed (and removed) after each test. */
export const logsFor = (target: StoreTarget) => {
  const opened: Array<Log> = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((log) => log.close()))
  })
  return async (extra = {}) => {
    const log = await openTestLog(target, extra)
    opened.push(log)
    return log
  }
}
