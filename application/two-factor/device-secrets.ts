import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import {
  enrollmentsInUse,
  type TwoFactorState,
  twoFactorCodec,
  twoFactorStreamId,
} from "../../domain/two-factor/two-factor.js"
import { eraseEvents, readLiveEvents, settleErasures } from "../event-log/erase-events.js"
import { SecretBox } from "../platform/secret-box.js"

/** A TOTP secret is sealed bound to its account: a sealed secret copied to another opens nowhere. */
const secretContext = (accountId: string) => `two-factor-secret:${accountId}`

export const sealSecret = (accountId: string, secret: string) =>
  Effect.flatMap(SecretBox, (box) => box.seal(secret, secretContext(accountId)))

export const openSecret = (accountId: string, sealed: string) =>
  Effect.flatMap(SecretBox, (box) => box.open(sealed, secretContext(accountId)).pipe(Effect.orDie))

/**
 * Erases the data of every event that carried a secret no device or set-up uses any more (replaced,
 * abandoned, run out of tries, disabled): the digest stays, so the chain still verifies, and the
 * erasure is itself recorded. Run after every change of the second factor, so one that a crash
 * interrupted is finished by the next.
 */
export const eraseStaleSecrets = (accountId: string, state: TwoFactorState, metadata: EventMetadata) =>
  Effect.gen(function* () {
    const inUse = enrollmentsInUse(state)
    const streamId = twoFactorStreamId(accountId)
    const stale = (yield* readLiveEvents(twoFactorCodec, streamId)).filter(
      ({ event }) => event._tag === "TwoFactorEnrollmentStarted" && !inUse.has(event.enrollmentId),
    )
    const erased = yield* eraseEvents(
      streamId,
      stale.map((e) => e.recorded),
      { reason: "2FA secret no longer in use", metadata },
    )
    yield* settleErasures(erased)
  })
