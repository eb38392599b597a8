import { Data, Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import {
  type TwoFactorCommand,
  type TwoFactorState,
  twoFactor,
  twoFactorStreamId,
} from "../../domain/two-factor/two-factor.js"
import type { TwoFactorEvent } from "../../domain/two-factor/two-factor-events.js"
import { type Loaded, loadAggregate, runCommand } from "../event-log/command-runner.js"
import type { OutboxMessage } from "../event-log/event-store.js"

/** A code that was not accepted; `attemptsLeft` before the code (or the set-up) must start over. */
export class CodeRejected extends Data.TaggedError("CodeRejected")<{ readonly attemptsLeft: number }> {}

/** The stream as loaded; hand it to `runTwoFactor` when the decision follows from it. */
export const loadTwoFactorStream = (accountId: string) =>
  loadAggregate(twoFactor, twoFactorStreamId(accountId))

export const loadTwoFactor = (accountId: string) =>
  Effect.map(loadTwoFactorStream(accountId), ({ state }) => state)

const rejected = (events: ReadonlyArray<TwoFactorEvent>) =>
  events.find((e) => e._tag === "TwoFactorCodeRejected")

/**
 * Decides a command on the account's 2FA stream (first on `loaded`, if the caller has just read it).
 * The mails in `outbox` go out with the events unless the decision was a refused code (which is
 * recorded, and reported by the caller).
 */
export const runTwoFactor = (
  accountId: string,
  command: TwoFactorCommand,
  metadata: EventMetadata,
  options: {
    readonly outbox?: ReadonlyArray<OutboxMessage>
    readonly loaded?: Loaded<TwoFactorState>
  } = {},
) => {
  const { outbox, loaded } = options
  return runCommand(twoFactor, twoFactorStreamId(accountId), command, {
    metadata,
    ...(loaded === undefined ? {} : { loaded }),
    ...(outbox === undefined
      ? {}
      : { outbox: (events: ReadonlyArray<TwoFactorEvent>) => (rejected(events) ? [] : outbox) }),
  })
}

/** The refusal to report when the decision was a refused code (the refusal itself is recorded). */
export const rejectionOf = (events: ReadonlyArray<TwoFactorEvent>, limit: number) => {
  const refusal = rejected(events)
  return refusal === undefined
    ? undefined
    : new CodeRejected({ attemptsLeft: Math.max(0, limit - refusal.attempts) })
}

export const failIfRejected = (events: ReadonlyArray<TwoFactorEvent>, limit: number) => {
  const refusal = rejectionOf(events, limit)
  return refusal === undefined ? Effect.void : Effect.fail(refusal)
}
