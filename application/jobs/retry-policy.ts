import { Duration } from "effect"

export interface RetryPolicy {
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  /** After this many failed attempts the job is dead: kept, reported, not tried again. */
  readonly maxAttempts: number
}

export const defaultRetryPolicy: RetryPolicy = { baseDelay: "5 seconds", maxDelay: "1 hour", maxAttempts: 10 }

/** Exponential back-off with "full jitter", so many failed jobs do not retry in lock-step. */
export const nextAttemptDelay = (policy: RetryPolicy, failedAttempts: number, random: number): number => {
  const base = Duration.toMillis(policy.baseDelay)
  const cap = Duration.toMillis(policy.maxDelay)
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failedAttempts - 1))
  return Math.round(ceiling / 2 + (random * ceiling) / 2)
}
