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
 * Bump `version` whenever `apply` or the tables change: the projection is then rebuilt on start.
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
}

/** `"*"` in `eventTypes` means every event. */
export const handles = (projection: Projection, type: string): boolean =>
  projection.eventTypes.includes(type) || projection.eventTypes.includes("*")
