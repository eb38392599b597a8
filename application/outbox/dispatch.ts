import { Clock, Duration, Effect, Either, Random, Schema } from "effect"
import { Mailer } from "../mail/mailer.js"
import { SecretBox } from "../platform/secret-box.js"
import { MailPayload } from "./mail-payload.js"
import { type AttemptOutcome, Outbox, type OutboxEntry } from "./outbox.js"

export interface RetryPolicy {
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  /** After this many failed attempts the message is dead: kept, reported, not tried again. */
  readonly maxAttempts: number
}

export const defaultRetryPolicy: RetryPolicy = { baseDelay: "5 seconds", maxDelay: "1 hour", maxAttempts: 10 }

/** Exponential back-off with "full jitter", so many failed messages do not retry in lock-step. */
export const nextAttemptDelay = (policy: RetryPolicy, failedAttempts: number, random: number): number => {
  const base = Duration.toMillis(policy.baseDelay)
  const cap = Duration.toMillis(policy.maxDelay)
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failedAttempts - 1))
  return Math.round(ceiling / 2 + (random * ceiling) / 2)
}

export interface DispatchSummary {
  readonly claimed: number
  readonly delivered: number
  readonly retrying: number
  readonly dead: number
}

const decodeMail = Schema.decodeUnknownEither(MailPayload)
const SealedPayload = Schema.Struct({ sealed: Schema.String })
const isSealed = Schema.is(SealedPayload)

/** Context a sealed mail is bound to: it opens nowhere but in the outbox. */
export const outboxSealContext = "outbox-mail"

// Mail that carries a secret (a reset link) waits in the outbox sealed under the server key, and is
// opened only on its way to the mailer.
const openPayload = (payload: unknown) =>
  Effect.gen(function* () {
    if (!isSealed(payload)) return Either.right(payload)
    const box = yield* Effect.serviceOption(SecretBox)
    if (box._tag === "None") return Either.left("sealed mail: this process has no server key")
    const opened = yield* Effect.either(box.value.open(payload.sealed, outboxSealContext))
    return Either.isLeft(opened)
      ? Either.left("sealed mail does not open under this server key")
      : Either.right(JSON.parse(opened.right) as unknown)
  })

const deliver = (entry: OutboxEntry, policy: RetryPolicy, now: Date) =>
  Effect.gen(function* () {
    const mailer = yield* Mailer
    const attempt = entry.attempts + 1
    if (entry.channel !== "mail")
      return { _tag: "Dead", detail: `unknown channel ${entry.channel}` } as AttemptOutcome
    const opened = yield* openPayload(entry.payload)
    if (Either.isLeft(opened))
      return {
        _tag: "Retry",
        detail: opened.left,
        nextAttemptAt: new Date(now.getTime() + Duration.toMillis(policy.maxDelay)),
      } as AttemptOutcome
    const payload = decodeMail(opened.right)
    if (Either.isLeft(payload))
      return { _tag: "Dead", detail: "payload is not a valid e-mail" } as AttemptOutcome
    const sent = yield* Effect.either(mailer.send(payload.right))
    if (Either.isRight(sent)) return { _tag: "Delivered", detail: sent.right.response } as AttemptOutcome
    const error = sent.left
    if (error.permanent || attempt >= policy.maxAttempts) {
      return {
        _tag: "Dead",
        detail: `${error.reason}${error.permanent ? "" : ` (gave up after ${attempt} attempts)`}`,
      } as AttemptOutcome
    }
    const delay = nextAttemptDelay(policy, attempt, yield* Random.next)
    return {
      _tag: "Retry",
      detail: error.reason,
      nextAttemptAt: new Date(now.getTime() + delay),
    } as AttemptOutcome
  })

/** Delivers the messages that are due now, once each; records every attempt. */
export const dispatchDue = (options: {
  readonly limit?: number
  readonly policy?: RetryPolicy
  readonly ignoreBackoff?: boolean
}) =>
  Effect.gen(function* () {
    const outbox = yield* Outbox
    const policy = options.policy ?? defaultRetryPolicy
    const now = new Date(yield* Clock.currentTimeMillis)
    const entries = yield* outbox.claimDue({
      now,
      limit: options.limit ?? 50,
      leaseMillis: 60_000,
      ...(options.ignoreBackoff ? { ignoreBackoff: true } : {}),
    })
    const summary = { claimed: entries.length, delivered: 0, retrying: 0, dead: 0 }
    for (const entry of entries) {
      const outcome = yield* deliver(entry, policy, now)
      yield* outbox.record(entry.id, new Date(yield* Clock.currentTimeMillis), outcome)
      if (outcome._tag === "Delivered") summary.delivered++
      else if (outcome._tag === "Retry") summary.retrying++
      else summary.dead++
      if (outcome._tag !== "Delivered") {
        yield* Effect.logWarning("outbox delivery failed").pipe(
          Effect.annotateLogs({ message: entry.id, outcome: outcome._tag, reason: outcome.detail }),
        )
      }
    }
    return summary as DispatchSummary
  }).pipe(Effect.withSpan("Outbox.dispatchDue"))

/** Dispatches until nothing is due: what `portcullis outbox drain` runs. */
export const drainOutbox = (
  options: { readonly policy?: RetryPolicy; readonly ignoreBackoff?: boolean } = {},
) =>
  Effect.gen(function* () {
    const total = { claimed: 0, delivered: 0, retrying: 0, dead: 0 }
    // Back-off only ever schedules a failed message into the future, so the loop ends; ignoring
    // back-off is for the first round only, or a failing message would be retried at once forever.
    for (let round = 0; ; round++) {
      const summary = yield* dispatchDue({
        ...options,
        ignoreBackoff: options.ignoreBackoff === true && round === 0,
      })
      if (summary.claimed === 0) return total as DispatchSummary
      total.claimed += summary.claimed
      total.delivered += summary.delivered
      total.retrying += summary.retrying
      total.dead += summary.dead
    }
  })
