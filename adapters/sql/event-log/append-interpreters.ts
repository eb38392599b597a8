import { CompiledQuery, type Kysely } from "kysely"
import type { AppendOptions } from "../../../application/event-log/event-store.js"
import type { Json, NewEvent } from "../../../domain/kernel/index.js"
import { feedEvents, type Projection } from "../projections/projection.js"
import type { AnyTables, EventsTable } from "../schema.js"
import { type AppendContext, type AppendStep, appendProgram, type Outcome } from "./append.js"
import type { SqlStatement } from "./append-sql.js"
import { toEvent } from "./event-row.js"

type Rows = ReadonlyArray<Record<string, unknown>>

/** Runs SQL on the spot: SQLite's own handle. */
export type SyncSql = (query: SqlStatement) => Rows

/** Runs a program whose steps are all SQL, synchronously. */
export const runSync = <A>(program: Generator<AppendStep, A, Rows>, run: SyncSql): A => {
  let step = program.next()
  while (!step.done) {
    const request = step.value
    if (request._tag !== "Sql") throw new Error("projections cannot run synchronously")
    step = program.next(run(request.query))
  }
  return step.value
}

interface AsyncOptions {
  readonly projections: ReadonlyArray<Projection>
  readonly metadata?: AppendOptions["metadata"]
  /**
   * Runs the SQL steps instead of Kysely: SQLite's raw handle (on the spot), PostgreSQL named
   * statements. Projections always go through Kysely.
   */
  readonly sql?: (query: SqlStatement) => Rows | Promise<Rows>
}

/** Runs a program on a Kysely connection that holds the write lock. */
export const runAsync = async <A>(
  program: Generator<AppendStep, A, Rows>,
  db: Kysely<AnyTables>,
  options: AsyncOptions,
): Promise<A> => {
  let step = program.next()
  while (!step.done) {
    const request = step.value
    if (request._tag === "Sql") {
      const rows = options.sql
        ? options.sql(request.query)
        : db
            .executeQuery(CompiledQuery.raw(request.query.sql, [...request.query.parameters]))
            .then((r) => r.rows as Rows)
      step = program.next(rows instanceof Promise ? await rows : rows)
    } else {
      await applyProjections(db, request, options)
      step = program.next([])
    }
  }
  return step.value
}

/** The body of one append on a Kysely connection that holds the write lock. */
export const appendLocked = (
  db: Kysely<AnyTables>,
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  options: AppendOptions,
  context: AppendContext,
): Promise<Outcome> =>
  runAsync(appendProgram([{ streamId, events, expected: options.expected }], options, context), db, {
    projections: context.projections,
    metadata: options.metadata,
  })

/** Applies the projections to the rows and moves every checkpoint to the last of them. */
export const applyProjections = async (
  db: Kysely<AnyTables>,
  appended: { readonly rows: ReadonlyArray<EventsTable>; readonly data: ReadonlyArray<Json> },
  options: AsyncOptions,
) => {
  const { projections, metadata } = options
  const { rows, data } = appended
  // The writer's own data, not a parse of its text: a codec knows the event it just encoded.
  const events = rows.map((row, index) => toEvent(row, metadata ?? JSON.parse(row.metadata), data[index]))
  await feedEvents(db, projections, events)
  const last = rows.at(-1)!
  await db
    .updateTable("projection_checkpoints")
    .set({ position: last.position, updated_at: last.recorded_at })
    .where(
      "name",
      "in",
      projections.map((p) => p.name),
    )
    .execute()
}
