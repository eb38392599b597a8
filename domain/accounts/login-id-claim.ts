import { Data, Either, Schema } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { Instant } from "../kernel/instant.js"

// Login IDs are unique regardless of case. Uniqueness across streams is a stream of its own per ID
// (keyed by a digest of the ID's canonical form), claimed in the same atomic append that creates
// the account: a second registration with the same ID finds the stream taken, and nothing is written.

export const loginIdClaimStreamId = (loginIdDigest: string) => `login-id-${loginIdDigest}`

export const LoginIdClaimed = Schema.TaggedStruct("LoginIdClaimed", {
  accountId: Schema.String,
  at: Instant,
})
export type LoginIdClaimEvent = typeof LoginIdClaimed.Type

export type LoginIdClaimState =
  | { readonly _tag: "Free" }
  | { readonly _tag: "Claimed"; readonly accountId: string }

export type LoginIdClaimCommand = { readonly _tag: "Claim"; readonly accountId: string; readonly at: Instant }

export class LoginIdTaken extends Data.TaggedError("LoginIdTaken")<{}> {}

export const loginIdClaimDecider: Decider<
  LoginIdClaimCommand,
  LoginIdClaimState,
  LoginIdClaimEvent,
  LoginIdTaken
> = {
  initialState: { _tag: "Free" },
  decide: (command, state) =>
    state._tag === "Free"
      ? Either.right([LoginIdClaimed.make({ accountId: command.accountId, at: command.at })])
      : state.accountId === command.accountId
        ? Either.right([])
        : Either.left(new LoginIdTaken()),
  evolve: (_, event) => ({ _tag: "Claimed", accountId: event.accountId }),
}

export const loginIdClaimCodec = makeEventCodec({ LoginIdClaimed: { schema: LoginIdClaimed } })

export const loginIdClaim = { decider: loginIdClaimDecider, codec: loginIdClaimCodec }
