// Run as a separate OS process by the contract tests: appends to shared streams through the compiled
// store, reading the version and appending at exactly that version, retrying on conflicts.
import { Effect, Either } from "effect"
import { openSqlEventLog } from "../../dist/adapters/sql/sql-event-log.js"

const [url, workerId, countText] = process.argv.slice(2)
const count = Number(countText)
const log = await openSqlEventLog(url, { projections: [] })
const metadata = { actor: { kind: "system", id: `worker-${workerId}` } }
let conflicts = 0
for (let i = 0; i < count; i++) {
  const streamId = `shared-${i % 5}`
  for (;;) {
    const version = await Effect.runPromise(log.store.streamVersion(streamId))
    const expected = version === 0 ? { _tag: "NoStream" } : { _tag: "Exact", version }
    const result = await Effect.runPromise(
      Effect.either(
        log.store.append(streamId, [{ type: "Appended", schemaVersion: 1, data: { workerId, i } }], {
          expected,
          metadata,
        }),
      ),
    )
    if (Either.isRight(result)) break
    conflicts++
  }
}
await log.close()
process.stdout.write(JSON.stringify({ workerId, count, conflicts }))
