import { randomBytes } from "node:crypto"
import { type Kysely, sql } from "kysely"
import type { Progress, ReplayReport, TableDrift } from "../../../application/audit/audit-log.js"
import { canonicalJson } from "../../../domain/kernel/index.js"
import { type Database, openDatabase } from "../database.js"
import type { Projection, ProjectionTable } from "../projections/projection.js"
import { feedProjections } from "../projections/projection-runner.js"
import type { AnyTables } from "../schema.js"

// A scratch store of the same dialect, so both sides hand back values of the same types.
const openScratch = async (live: Database): Promise<Database> => {
  if (live.target.dialect === "sqlite") return openDatabase({ dialect: "sqlite", file: ":memory:" })
  const schema = `replay_${randomBytes(6).toString("hex")}`
  const scratch = await openDatabase({ ...live.target, schema }, { poolSize: 2 })
  return {
    ...scratch,
    close: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(scratch.db)
      await scratch.close()
    },
  }
}

const tableRows = async (db: Kysely<AnyTables>, table: ProjectionTable) => {
  let query = db.selectFrom(table.name).selectAll()
  for (const column of table.key) query = query.orderBy(sql.ref(column))
  return (await query.execute()).map((row) => canonicalJson(row))
}

const compareTable = async (
  projection: Projection,
  table: ProjectionTable,
  live: Kysely<AnyTables>,
  replayed: Kysely<AnyTables>,
): Promise<TableDrift | undefined> => {
  const [liveRows, replayedRows] = await Promise.all([tableRows(live, table), tableRows(replayed, table)])
  const length = Math.max(liveRows.length, replayedRows.length)
  for (let i = 0; i < length; i++) {
    if (liveRows[i] !== replayedRows[i]) {
      return {
        projection: projection.name,
        table: table.name,
        liveRows: liveRows.length,
        replayedRows: replayedRows.length,
        firstDifference: { live: liveRows[i] ?? null, replayed: replayedRows[i] ?? null },
      }
    }
  }
  return undefined
}

/** Rebuilds every projection from position 0 into a scratch database and compares it with the live one. */
export const replayAndCompare = async (
  live: Database,
  projections: ReadonlyArray<Projection>,
  progress?: Progress,
): Promise<ReplayReport> => {
  const scratch = await openScratch(live)
  try {
    for (const projection of projections) await projection.create(scratch.db)
    const events = await feedProjections(live.db, scratch.db, projections, 0, progress)
    const drift: Array<TableDrift> = []
    for (const projection of projections) {
      for (const table of projection.tables) {
        const difference = await compareTable(projection, table, live.db, scratch.db)
        if (difference) drift.push(difference)
      }
    }
    return { events, projections: projections.map((p) => p.name), drift }
  } finally {
    await scratch.close()
  }
}
