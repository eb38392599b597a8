import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import {
  enrollmentsInUse,
  type TwoFactorState,
  twoFactorCodec,
  twoFactorStreamId,
} from "../../domain/two-factor/two-factor.js"
import { EventStore } from "../event-log/event-store.js"
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
    const store = yield* EventStore
    const inUse = enrollmentsInUse(state)
    const streamId = twoFactorStreamId(accountId)
    const versions: Array<number> = []
    for (const recorded of yield* store.readStream(streamId)) {
      if (recorded.erased || recorded.type !== "TwoFactorEnrollmentStarted") continue
      const event = yield* Effect.orDie(
        twoFactorCodec.decode(recorded.type, recorded.schemaVersion, recorded.data),
      )
      if (event._tag === "TwoFactorEnrollmentStarted" && !inUse.has(event.enrollmentId)) {
        versions.push(recorded.streamVersion)
      }
    }
    if (versions.length > 0) {
      yield* store.erase(streamId, { versions, reason: "2FA secret no longer in use", metadata })
    }
  })
