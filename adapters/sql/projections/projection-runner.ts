import type { Kysely } from "kysely"
import type { Progress } from "../../../application/audit/audit-log.js"
import type { Database } from "../database.js"
import { toRecordedEvent } from "../event-log/event-row.js"
import { withWriteLock } from "../event-log/write-lock.js"
import type { AnyTables } from "../schema.js"
import { feedEvents, type Projection } from "./projection.js"

const batchSize = 1000

/** Feeds every event after `after` of the projections' types to them, in position order. */
export const feedProjections = async (
  source: Kysely<AnyTables>,
  target: Kysely<AnyTables>,
  projections: ReadonlyArray<Projection>,
  after: number,
  progress?: Progress,
): Promise<number> => {
  const types = [...new Set(projections.flatMap((p) => p.eventTypes))]
  if (types.length === 0) return 0
  const everything = types.includes("*")
  let count = source
    .selectFrom("events")
    .select((e) => e.fn.countAll().as("n"))
    .where("position", ">", after)
  if (!everything) count = count.where("type", "in", types)
  const total = Number((await count.executeTakeFirstOrThrow()).n)
  let fed = 0
  for (let cursor = after; ; ) {
    let batch = source.selectFrom("events").selectAll().where("position", ">", cursor)
    if (!everything) batch = batch.where("type", "in", types)
    const rows = await batch.orderBy("position").limit(batchSize).execute()
    await feedEvents(target, projections, rows.map(toRecordedEvent))
    fed += rows.length
    progress?.(fed, total)
    const last = rows.at(-1)
    if (!last || rows.length < batchSize) return fed
    cursor = last.position
  }
}

const headPosition = async (db: Kysely<AnyTables>) =>
  (await db.selectFrom("log_head").select("position").where("id", "=", 1).executeTakeFirstOrThrow()).position

const setCheckpoint = async (db: Kysely<AnyTables>, projection: Projection, position: number) => {
  const row = { version: projection.version, position, updated_at: new Date().toISOString() }
  await db
    .insertInto("projection_checkpoints")
    .values({ name: projection.name, ...row })
    .onConflict((c) => c.column("name").doUpdateSet(row))
    .execute()
}

/** Drops a projection's tables and replays the whole log into them, holding the write lock throughout. */
export const rebuildProjection = (database: Database, projection: Projection, progress?: Progress) =>
  withWriteLock(database, async (trx) => {
    await projection.drop(trx)
    await projection.create(trx)
    const events = await feedProjections(trx, trx, [projection], 0, progress)
    await setCheckpoint(trx, projection, await headPosition(trx))
    return events
  })

export type ProjectionStartAction = "created" | "rebuilt" | "caught-up" | "current"

/**
 * At start: create what is missing, rebuild a projection whose version changed, and catch up one
 * that is behind the log (added after events were written), so inline updates start from a true state.
 */
export const prepareProjections = async (
  database: Database,
  projections: ReadonlyArray<Projection>,
): Promise<ReadonlyArray<{ readonly name: string; readonly action: ProjectionStartAction }>> => {
  const actions: Array<{ name: string; action: ProjectionStartAction }> = []
  for (const projection of projections) {
    const action = await withWriteLock(database, async (trx) => {
      await projection.create(trx)
      const checkpoint = await trx
        .selectFrom("projection_checkpoints")
        .select(["version", "position"])
        .where("name", "=", projection.name)
        .executeTakeFirst()
      const head = await headPosition(trx)
      if (checkpoint && checkpoint.version !== projection.version) {
        await projection.drop(trx)
        await projection.create(trx)
        await feedProjections(trx, trx, [projection], 0)
        await setCheckpoint(trx, projection, head)
        return "rebuilt" as const
      }
      const from = checkpoint?.position ?? 0
      if (from < head) await feedProjections(trx, trx, [projection], from)
      if (!checkpoint || from < head) await setCheckpoint(trx, projection, head)
      return !checkpoint ? ("created" as const) : from < head ? ("caught-up" as const) : ("current" as const)
    })
    actions.push({ name: projection.name, action })
  }
  return actions
}
