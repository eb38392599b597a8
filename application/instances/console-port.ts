import { Context, Data, type Effect } from "effect"
import type { ConsoleUser } from "../../domain/instances/instance-events.js"
import type { Instant } from "../../domain/kernel/index.js"

/**
 * The console could not be reached or did not answer: a failure of the call, not an answer. The saga
 * tries again with back-off; the call is safe to repeat, as every call carries its idempotency key.
 */
export class ConsoleUnavailable extends Data.TaggedError("ConsoleUnavailable")<{ readonly reason: string }> {}

/** A call about one instance; the same key asks the same question, and is answered the same. */
export interface ConsoleCall {
  readonly instanceId: string
  readonly idempotencyKey: string
}

export type ProvisionAnswer =
  | { readonly _tag: "Provisioned" }
  | { readonly _tag: "InProgress"; readonly checkAt: Instant }

export type StartUpdateAnswer =
  | { readonly _tag: "Started" }
  /** The manual's 一時的な問題が発生しました: the update did not begin; try again from `retryAt`. */
  | { readonly _tag: "TemporaryProblem"; readonly reason: string; readonly retryAt: Instant }

export type UpdateStatusAnswer =
  | { readonly _tag: "Finished" }
  | { readonly _tag: "InProgress"; readonly checkAt: Instant }

/**
 * The Vision One / Apex One consoles, another system: what the saga asks of them. An adapter is one
 * file (the simulated console is the default; an HTTP client to the real one implements the same).
 */
export interface ConsolePortApi {
  /** Asks for the Vision One console (the first call) or how far it has come (later calls). */
  readonly provision: (call: ConsoleCall) => Effect.Effect<ProvisionAnswer, ConsoleUnavailable>
  /** The Apex One console's user accounts, as they stand when the instance is registered. */
  readonly consoleUsers: (call: ConsoleCall) => Effect.Effect<ReadonlyArray<ConsoleUser>, ConsoleUnavailable>
  /** Begins the update of one attempt; asked again with the same key, answers as it did. */
  readonly startUpdate: (
    call: ConsoleCall & { readonly attempt: number },
  ) => Effect.Effect<StartUpdateAnswer, ConsoleUnavailable>
  /** Whether the attempt's update has finished. */
  readonly updateStatus: (
    call: ConsoleCall & { readonly attempt: number },
  ) => Effect.Effect<UpdateStatusAnswer, ConsoleUnavailable>
}

export class ConsolePort extends Context.Tag("application/ConsolePort")<ConsolePort, ConsolePortApi>() {}

/** Keys by step and attempt: a step run twice asks the console the same question. */
export const idempotencyKeys = {
  provision: (instanceId: string) => `provision:${instanceId}`,
  users: (instanceId: string) => `users:${instanceId}`,
  startUpdate: (instanceId: string, attempt: number) => `update:${instanceId}:${attempt}`,
  updateStatus: (instanceId: string, attempt: number) => `update-status:${instanceId}:${attempt}`,
}
