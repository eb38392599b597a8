import { Data, Either, Schema } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { Instant, plusMillis, toMillis } from "../kernel/instant.js"

// The public halves of the keys that sign entitlements, on one stream: what the well-known JWKS
// publishes, so an entitlement signed before a rotation still verifies after it. The private half
// never reaches the log (it lives in the data folder or the environment).

export const signingKeysStreamId = "signing-keys"

/** An Ed25519 public key as a JWK's `x` (base64url), named by its RFC 7638 thumbprint. */
export const SigningKeyPublished = Schema.TaggedStruct("SigningKeyPublished", {
  kid: Schema.String,
  x: Schema.String,
  at: Instant,
})

export const SigningKeyRetired = Schema.TaggedStruct("SigningKeyRetired", {
  kid: Schema.String,
  at: Instant,
})

export type SigningKeyEvent = typeof SigningKeyPublished.Type | typeof SigningKeyRetired.Type

export interface PublishedKey {
  readonly kid: string
  readonly x: string
  readonly publishedAt: Instant
  readonly retiredAt: Instant | undefined
}

export type SigningKeysState =
  | { readonly _tag: "None" }
  | { readonly _tag: "Published"; readonly keys: ReadonlyArray<PublishedKey> }

export type SigningKeysCommand =
  | { readonly _tag: "Publish"; readonly kid: string; readonly x: string; readonly at: Instant }
  | {
      readonly _tag: "Retire"
      readonly kid: string
      /** The key this process signs with: never retired under it. */
      readonly currentKid: string
      /** How long a signed entitlement is believed: the key stays published that long after its successor. */
      readonly lifetimeMs: number
      readonly at: Instant
    }

export class SigningKeyUnknown extends Data.TaggedError("SigningKeyUnknown")<{ readonly kid: string }> {}
/** A retired key signs nothing again: a key file brought back after its retirement is refused. */
export class SigningKeyRetiredAlready extends Data.TaggedError("SigningKeyRetiredAlready")<{
  readonly kid: string
}> {}
export class SigningKeyInUse extends Data.TaggedError("SigningKeyInUse")<{ readonly kid: string }> {}
/** Entitlements it signed may still be believed until `until`: retiring now would break them. */
export class SigningKeyStillVerifying extends Data.TaggedError("SigningKeyStillVerifying")<{
  readonly kid: string
  readonly until: Instant
}> {}

export type SigningKeysError =
  | SigningKeyUnknown
  | SigningKeyRetiredAlready
  | SigningKeyInUse
  | SigningKeyStillVerifying

const keysOf = (state: SigningKeysState) => (state._tag === "Published" ? state.keys : [])

export const signingKeysDecider: Decider<
  SigningKeysCommand,
  SigningKeysState,
  SigningKeyEvent,
  SigningKeysError
> = {
  initialState: { _tag: "None" },
  decide: (command, state) => {
    const keys = keysOf(state)
    const known = keys.find((k) => k.kid === command.kid)
    switch (command._tag) {
      case "Publish":
        if (known === undefined) {
          return Either.right([SigningKeyPublished.make({ kid: command.kid, x: command.x, at: command.at })])
        }
        return known.retiredAt === undefined
          ? Either.right([])
          : Either.left(new SigningKeyRetiredAlready({ kid: command.kid }))
      case "Retire": {
        if (known === undefined) return Either.left(new SigningKeyUnknown({ kid: command.kid }))
        if (known.retiredAt !== undefined) return Either.right([])
        if (command.kid === command.currentKid) return Either.left(new SigningKeyInUse({ kid: command.kid }))
        // Entitlements it signed were issued before a later key took over; they end a lifetime after.
        const successor = keys.find((k) => toMillis(k.publishedAt) > toMillis(known.publishedAt))
        const until = plusMillis(successor?.publishedAt ?? command.at, command.lifetimeMs)
        if (successor === undefined || toMillis(until) > toMillis(command.at)) {
          return Either.left(new SigningKeyStillVerifying({ kid: command.kid, until }))
        }
        return Either.right([SigningKeyRetired.make({ kid: command.kid, at: command.at })])
      }
    }
  },
  evolve: (state, event) => {
    const keys = keysOf(state)
    switch (event._tag) {
      case "SigningKeyPublished":
        return {
          _tag: "Published",
          keys: [...keys, { kid: event.kid, x: event.x, publishedAt: event.at, retiredAt: undefined }],
        }
      case "SigningKeyRetired":
        return {
          _tag: "Published",
          keys: keys.map((k) => (k.kid === event.kid ? { ...k, retiredAt: event.at } : k)),
        }
    }
  },
}

export const signingKeysCodec = makeEventCodec({
  SigningKeyPublished: { schema: SigningKeyPublished },
  SigningKeyRetired: { schema: SigningKeyRetired },
})

export const signingKeys = { decider: signingKeysDecider, codec: signingKeysCodec }
