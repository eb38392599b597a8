import { Context, type Effect } from "effect"
import type { Instant } from "../../domain/kernel/index.js"

/** An instance as support's list shows it. */
export interface InstanceRow {
  readonly instanceId: string
  readonly accountId: string
  readonly licenseId: string
  readonly status: string
  readonly productId: string
  readonly attempts: number
  readonly changedAt: Instant
}

/** One job of an instance's saga, as the queue holds it: support sees a dead one here. */
export interface SagaJob {
  readonly jobId: string
  readonly step: string
  readonly state: "pending" | "done" | "dead"
  readonly attempts: number
  readonly dueAt: Instant
  readonly lastError: string | undefined
}

export interface InstanceDirectoryApi {
  /** Every instance, the most recently changed first. */
  readonly list: (options: { readonly limit: number }) => Effect.Effect<ReadonlyArray<InstanceRow>>
  /** The saga's jobs of one instance, oldest first. */
  readonly sagaJobs: (instanceId: string) => Effect.Effect<ReadonlyArray<SagaJob>>
}

export class InstanceDirectory extends Context.Tag("application/InstanceDirectory")<
  InstanceDirectory,
  InstanceDirectoryApi
>() {}
