import { Context, type Effect } from "effect"
import type { Json } from "../../domain/kernel/index.js"

export interface OutboxEntry {
  readonly id: string
  readonly channel: string
  readonly payload: Json
  /** Attempts made before this one. */
  readonly attempts: number
  readonly createdAt: string
}

export interface OutboxStats {
  readonly pending: number
  readonly delivered: number
  readonly dead: number
}

export type AttemptOutcome =
  | { readonly _tag: "Delivered"; readonly detail: string }
  | { readonly _tag: "Retry"; readonly detail: string; readonly nextAttemptAt: Date }
  | { readonly _tag: "Dead"; readonly detail: string }

/** The outbox as the dispatcher sees it: messages committed with their events, delivered after. */
export interface OutboxApi {
  /** Leases up to `limit` due messages so no other dispatcher (another `serve`) takes them meanwhile. */
  readonly claimDue: (options: {
    readonly now: Date
    readonly limit: number
    readonly leaseMillis: number
    /** Take messages waiting out a back-off too (an operator's `outbox drain --now`). */
    readonly ignoreBackoff?: boolean
  }) => Effect.Effect<ReadonlyArray<OutboxEntry>>
  /** Records one attempt and its outcome, and releases the lease. */
  readonly record: (id: string, at: Date, outcome: AttemptOutcome) => Effect.Effect<void>
  readonly stats: Effect.Effect<OutboxStats>
}

export class Outbox extends Context.Tag("application/Outbox")<Outbox, OutboxApi>() {}
