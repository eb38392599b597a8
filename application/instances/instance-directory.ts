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

export interface InstanceDirectoryApi {
  /** Every instance, the most recently changed first. */
  readonly list: (options: { readonly limit: number }) => Effect.Effect<ReadonlyArray<InstanceRow>>
}

export class InstanceDirectory extends Context.Tag("application/InstanceDirectory")<
  InstanceDirectory,
  InstanceDirectoryApi
>() {}
