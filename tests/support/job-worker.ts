// Run as a separate OS process by the job contract test (compiled to dist/ by the build): a
// dispatcher as `serve` runs it, polling for due jobs until every job is done or its time is up.
import { Effect, Layer } from "effect"
import { makeSqlJobQueue } from "../../adapters/sql/jobs/sql-job-queue.js"
import { allProjections, openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { JobHandlersLive } from "../../application/jobs/job-handler.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { talliesProjection } from "./tally.js"
import { tickHandler } from "./test-jobs.js"

const [url = "", workerId = "0", untilText = "0"] = process.argv.slice(2)
const until = Number(untilText)
const log = await openSqlEventLog(url, { projections: [...allProjections, talliesProjection] })
const layer = JobHandlersLive(tickHandler).pipe(
  Layer.provideMerge(
    Layer.merge(Layer.succeed(JobQueue, makeSqlJobQueue(log.database)), Layer.succeed(EventStore, log.store)),
  ),
)

const poll = Effect.gen(function* () {
  let ran = 0
  let rounds = 0
  while (Date.now() < until) {
    rounds++
    ran += (yield* dispatchDue({})).done
    if (rounds === 1) process.stdout.write("ready\n")
    const { totals } = yield* (yield* JobQueue).status()
    if (totals.pending === 0 && totals.done > 0) break
    yield* Effect.sleep("25 millis")
  }
  return { workerId, ran, rounds }
})

const report = await Effect.runPromise(Effect.provide(poll, layer))
await log.close()
process.stdout.write(`${JSON.stringify(report)}\n`)
