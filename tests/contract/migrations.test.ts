import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { verifyChain } from "../../adapters/sql/audit/verify-chain.js"
import { openDatabase, parseDatabaseUrl } from "../../adapters/sql/database.js"
import { makeSqlEventStore } from "../../adapters/sql/event-log/sql-event-store.js"
import { migrateToLatest, migratorFor } from "../../adapters/sql/migrations/index.js"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import { postgres, type StoreTarget, sqliteFile } from "../support/stores.js"

const metadata = { actor: { kind: "operator" as const, id: "op-1" } }
const noted = (n: number) => ({ type: "Noted", schemaVersion: 1, data: { n } })

describe.each([sqliteFile, postgres])("migration 0002-lean-event-log: %s", (target: StoreTarget) => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it("keeps every event byte for byte, so the chain still verifies, and appends go on", async () => {
    const { url, dispose } = await target.fresh()
    cleanups.push(dispose)
    const parsed = parseDatabaseUrl(url)
    const database = await openDatabase(parsed)
    cleanups.push(database.close)
    const migrated = await migratorFor(database.db, parsed).migrateTo("0001-event-log")
    expect(migrated.error).toBeUndefined()

    const store = makeSqlEventStore(database)
    await Effect.runPromise(
      store.append("a", [noted(1), noted(2)], { expected: ExpectedVersion.noStream, metadata }),
    )
    await Effect.runPromise(store.append("b", [noted(3)], { expected: ExpectedVersion.noStream, metadata }))
    const before = await Effect.runPromise(store.readStream("a"))

    const report = await migrateToLatest(database.db, parsed)
    expect(report.applied).toEqual([
      "0002-lean-event-log",
      "0003-sessions-and-throttles",
      "0004-session-second-factor",
      "0005-typed-jobs",
      "0006-simulated-console",
    ])
    expect(await verifyChain(database)).toMatchObject({ _tag: "Intact", events: 3 })
    expect(await Effect.runPromise(store.readStream("a"))).toEqual(before)
    const next = await Effect.runPromise(
      store.append("a", [noted(4)], { expected: ExpectedVersion.exact(2), metadata }),
    )
    expect(next).toMatchObject({ nextVersion: 3, positions: [4] })
    const tables = (await database.db.introspection.getTables()).map((t) => t.name)
    expect(tables).not.toContain("streams")
  })
})
