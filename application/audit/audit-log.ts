import { Context, type Effect } from "effect"

export type Progress = (done: number, total: number) => void

export interface BrokenLink {
  readonly position: number
  readonly streamId: string
  readonly reason: string
  readonly expected: string
  readonly found: string
}

export type VerifyReport =
  | { readonly _tag: "Intact"; readonly events: number; readonly headHash: string }
  | { readonly _tag: "Broken"; readonly checked: number; readonly link: BrokenLink }

export interface TableDrift {
  readonly projection: string
  readonly table: string
  readonly liveRows: number
  readonly replayedRows: number
  /** The first row (by the table's key) that differs, as JSON, on each side. */
  readonly firstDifference: { readonly live: string | null; readonly replayed: string | null }
}

export interface ReplayReport {
  readonly events: number
  readonly projections: ReadonlyArray<string>
  readonly drift: ReadonlyArray<TableDrift>
}

/** What an auditor asks of the log: is the chain whole, and do the read models follow from it? */
export interface AuditLogApi {
  readonly verify: (progress?: Progress) => Effect.Effect<VerifyReport>
  readonly replay: (progress?: Progress) => Effect.Effect<ReplayReport>
}

export class AuditLog extends Context.Tag("application/AuditLog")<AuditLog, AuditLogApi>() {}
