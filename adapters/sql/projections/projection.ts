import type { Kysely } from "kysely"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import type { AnyTables } from "../schema.js"

export interface ProjectionTable {
  readonly name: string
  /** Columns that order the rows for comparison in an audit replay. */
  readonly key: ReadonlyArray<string>
}

/**
 * A read model kept in SQL, updated inside the append transaction so readers see their own writes.
 * It reads and writes its own tables only (it is rebuilt alone), so projections can be fed in any
 * order relative to each other. Bump `version` whenever `apply` or the tables change: the
 * projection is then rebuilt on start.
 */
export interface Projection {
  readonly name: string
  readonly version: number
  /** Event types this projection reads; others never reach `apply`. */
  readonly eventTypes: ReadonlyArray<string>
  readonly tables: ReadonlyArray<ProjectionTable>
  /** Creates the tables if they are missing (idempotent). */
  readonly create: (db: Kysely<AnyTables>) => Promise<void>
  /** Drops the tables, so that a rebuild starts from nothing. */
  readonly drop: (db: Kysely<AnyTables>) => Promise<void>
  readonly apply: (db: Kysely<AnyTables>, event: RecordedEvent) => Promise<void>
  /**
   * The events of one append (or one page of a rebuild) at once, in log order, to the same effect as
   * `apply` on each in turn: for a read model that one append changes many times (a switch batch of
   * hundreds of licences), a statement for many rows instead of one per event.
   */
  readonly applyAll?: (db: Kysely<AnyTables>, events: ReadonlyArray<RecordedEvent>) => Promise<void>
}

/** Feeds events, in log order, to each projection that handles them: all of them at once where it can. */
export const feedEvents = async (
  db: Kysely<AnyTables>,
  projections: ReadonlyArray<Projection>,
  events: ReadonlyArray<RecordedEvent>,
) => {
  for (const projection of projections) {
    const handled = events.filter((event) => handles(projection, event.type))
    if (handled.length === 0) continue
    if (projection.applyAll) await projection.applyAll(db, handled)
    else for (const event of handled) await projection.apply(db, event)
  }
}

/** `"*"` in `eventTypes` means every event. */
export const handles = (projection: Projection, type: string): boolean =>
  projection.eventTypes.includes(type) || projection.eventTypes.includes("*")
