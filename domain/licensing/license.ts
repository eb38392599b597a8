import { Data, Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { Instant } from "../kernel/instant.js"
import { type PlannedSwitch, switchOnRegistration } from "../switching/key-registration.js"
import { type SwitchRules, switchOutcome } from "../switching/switch-rules.js"
import { decideInstanceSwitch, type InstanceSwitchCommand } from "./instance-switch.js"
import {
  type IssuedKey,
  LicenseCancellationRecorded,
  LicenseChannelChanged,
  type LicenseEvent,
  LicenseKeyIssued,
  LicenseNotSwitched,
  LicenseRegistered,
  LicenseReinstated,
  LicenseRenewed,
  LicenseSuspended,
  ProductSwitched,
  type SalesChannel,
} from "./license-events.js"

export const licenseStreamId = (keyHash: string) => `license-${keyHash}`

/**
 * Whether a registered licence may be used. Its own union, not a flag: the product switch and the
 * sunset add standings here, and every `switch` over it then asks what they mean.
 */
export type LicenseStanding =
  | { readonly _tag: "Active" }
  | { readonly _tag: "Suspended"; readonly reason: string; readonly since: Instant }

export type LicenseState =
  | { readonly _tag: "Unknown" }
  | { readonly _tag: "Issued"; readonly key: IssuedKey }
  | {
      readonly _tag: "Registered"
      readonly key: IssuedKey
      readonly accountId: string
      readonly standing: LicenseStanding
      /** The day the customer cancelled the contract; absent while it runs. */
      readonly cancelledOn?: string
      /** The switch plans that have decided this licence, switched or not: each decides it once. */
      readonly switchPlans?: ReadonlyArray<string>
    }

export type LicenseCommand =
  | { readonly _tag: "IssueKey"; readonly key: IssuedKey; readonly at: Instant }
  | {
      readonly _tag: "Register"
      readonly accountId: string
      readonly today: string
      /** The switch plans from the key's product (none: it registers as its own product). */
      readonly switches?: ReadonlyArray<PlannedSwitch>
      readonly at: Instant
    }
  | { readonly _tag: "Renew"; readonly expiresOn: string; readonly at: Instant }
  | { readonly _tag: "Suspend"; readonly reason: string; readonly at: Instant }
  | { readonly _tag: "Reinstate"; readonly at: Instant }
  | { readonly _tag: "ChangeChannel"; readonly channel: SalesChannel; readonly at: Instant }
  | { readonly _tag: "RecordCancellation"; readonly cancelledOn: string; readonly at: Instant }
  | InstanceSwitchCommand
  | {
      readonly _tag: "ApplySwitch"
      readonly planId: string
      readonly rules: SwitchRules
      /** The holder's calendar day, taken in the account's time zone by the caller. */
      readonly today: string
      readonly at: Instant
    }

export class LicenseKeyUnknown extends Data.TaggedError("LicenseKeyUnknown")<{}> {}
export class LicenseKeyAlreadyIssued extends Data.TaggedError("LicenseKeyAlreadyIssued")<{}> {}
/** Registered to another account; the same account registering again is a no-op. */
export class LicenseAlreadyRegistered extends Data.TaggedError("LicenseAlreadyRegistered")<{}> {}
export class LicenseKeyExpired extends Data.TaggedError("LicenseKeyExpired")<{
  readonly expiresOn: string
}> {}
export class LicenseNotRegistered extends Data.TaggedError("LicenseNotRegistered")<{}> {}

export type LicenseError =
  | LicenseKeyUnknown
  | LicenseKeyAlreadyIssued
  | LicenseAlreadyRegistered
  | LicenseKeyExpired
  | LicenseNotRegistered

const ok = (events: ReadonlyArray<LicenseEvent>) => Either.right(events)

/** The key registered to the account, as the product a switch plan makes it on that day, if one does. */
const registration = (
  accountId: string,
  key: IssuedKey,
  command: { readonly today: string; readonly switches?: ReadonlyArray<PlannedSwitch>; readonly at: Instant },
) => {
  const moved = switchOnRegistration(command.switches ?? [], key.productId, command.today)
  return LicenseRegistered.make({
    accountId,
    ...(moved && { productId: moved.productId, switchPlanId: moved.planId }),
    at: command.at,
  })
}
const active: LicenseStanding = { _tag: "Active" }

/**
 * A plan decides a registered licence of its source product once: switched with the same last day,
 * or not, with the reason. Unused keys are not its business (they register as the target from the
 * plan's day); a licence it has decided is decided, and one of another product (another plan moved
 * it since it was listed) is not its to decide.
 */
const decideSwitch = (command: Extract<LicenseCommand, { _tag: "ApplySwitch" }>, state: LicenseState) => {
  if (state._tag === "Unknown") return Either.left(new LicenseKeyUnknown())
  if (state._tag !== "Registered") return Either.left(new LicenseNotRegistered())
  const { key } = state
  if (state.switchPlans?.includes(command.planId) || key.productId !== command.rules.fromProduct)
    return ok([])
  const outcome = switchOutcome(
    command.rules,
    {
      productId: key.productId,
      channel: key.channel,
      ...(state.cancelledOn === undefined ? {} : { cancelledOn: state.cancelledOn }),
      expiresOn: key.expiresOn,
      suspended: state.standing._tag === "Suspended",
    },
    command.today,
  )
  const decided = { planId: command.planId, accountId: state.accountId, at: command.at }
  return ok([
    outcome._tag === "Switched"
      ? ProductSwitched.make({
          ...decided,
          fromProduct: key.productId,
          productId: command.rules.toProduct,
          expiresOn: outcome.expiresOn,
        })
      : LicenseNotSwitched.make({ ...decided, reason: outcome.reason }),
  ])
}

/** Only reached if a case is missing: the compiler names the one left out. */
const unreachable = (value: never): never => {
  throw new Error(`unhandled licence case ${JSON.stringify(value)}`)
}

export const licenseDecider: Decider<LicenseCommand, LicenseState, LicenseEvent, LicenseError> = {
  initialState: { _tag: "Unknown" },
  decide: (command, state) => {
    switch (command._tag) {
      case "IssueKey":
        return state._tag === "Unknown"
          ? ok([LicenseKeyIssued.make({ ...command.key, at: command.at })])
          : Either.left(new LicenseKeyAlreadyIssued())
      case "Register":
        if (state._tag === "Unknown") return Either.left(new LicenseKeyUnknown())
        if (state._tag === "Registered") {
          return state.accountId === command.accountId ? ok([]) : Either.left(new LicenseAlreadyRegistered())
        }
        // Calendar days compare as text; `today` is taken in the account's time zone by the caller.
        if (state.key.expiresOn < command.today) {
          return Either.left(new LicenseKeyExpired({ expiresOn: state.key.expiresOn }))
        }
        return ok([registration(command.accountId, state.key, command)])
      case "Renew":
        if (state._tag === "Unknown") return Either.left(new LicenseKeyUnknown())
        if (state.key.expiresOn === command.expiresOn) return ok([])
        return ok([
          LicenseRenewed.make({
            expiresOn: command.expiresOn,
            previousExpiresOn: state.key.expiresOn,
            at: command.at,
          }),
        ])
      case "Suspend":
        if (state._tag !== "Registered") return Either.left(new LicenseNotRegistered())
        switch (state.standing._tag) {
          case "Active":
            return ok([LicenseSuspended.make({ reason: command.reason, at: command.at })])
          case "Suspended":
            return ok([])
        }
        return unreachable(state.standing)
      case "Reinstate":
        if (state._tag !== "Registered") return Either.left(new LicenseNotRegistered())
        switch (state.standing._tag) {
          case "Active":
            return ok([])
          case "Suspended":
            return ok([LicenseReinstated.make({ at: command.at })])
        }
        return unreachable(state.standing)
      case "ChangeChannel":
        if (state._tag === "Unknown") return Either.left(new LicenseKeyUnknown())
        if (state.key.channel === command.channel) return ok([])
        return ok([
          LicenseChannelChanged.make({
            channel: command.channel,
            previousChannel: state.key.channel,
            at: command.at,
          }),
        ])
      case "RecordCancellation":
        // Only a contract someone holds can be cancelled; the same day again is the same record.
        if (state._tag !== "Registered") return Either.left(new LicenseNotRegistered())
        if (state.cancelledOn === command.cancelledOn) return ok([])
        return ok([LicenseCancellationRecorded.make({ cancelledOn: command.cancelledOn, at: command.at })])
      case "ApplySwitch":
        return decideSwitch(command, state)
      case "SwitchForInstance":
        if (state._tag === "Unknown") return Either.left(new LicenseKeyUnknown())
        if (state._tag !== "Registered") return Either.left(new LicenseNotRegistered())
        return ok(decideInstanceSwitch(command, state))
    }
    return unreachable(command)
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "LicenseKeyIssued": {
        const { _tag, at, ...key } = event
        return { _tag: "Issued", key }
      }
      case "LicenseRegistered":
        return state._tag === "Issued"
          ? {
              _tag: "Registered",
              key: event.productId === undefined ? state.key : { ...state.key, productId: event.productId },
              accountId: event.accountId,
              standing: active,
            }
          : state
      case "LicenseRenewed":
        return state._tag === "Unknown"
          ? state
          : { ...state, key: { ...state.key, expiresOn: event.expiresOn } }
      case "LicenseSuspended":
        return state._tag === "Registered"
          ? { ...state, standing: { _tag: "Suspended", reason: event.reason, since: event.at } }
          : state
      case "LicenseReinstated":
        return state._tag === "Registered" ? { ...state, standing: active } : state
      case "LicenseChannelChanged":
        return state._tag === "Unknown" ? state : { ...state, key: { ...state.key, channel: event.channel } }
      case "LicenseCancellationRecorded":
        return state._tag === "Registered" ? { ...state, cancelledOn: event.cancelledOn } : state
      case "ProductSwitched":
        return state._tag === "Registered"
          ? {
              ...state,
              key: { ...state.key, productId: event.productId },
              switchPlans: [...(state.switchPlans ?? []), event.planId],
            }
          : state
      case "LicenseNotSwitched":
        return state._tag === "Registered"
          ? { ...state, switchPlans: [...(state.switchPlans ?? []), event.planId] }
          : state
    }
    return unreachable(event)
  },
}

export const licenseCodec = makeEventCodec({
  LicenseKeyIssued: { schema: LicenseKeyIssued },
  LicenseRegistered: { schema: LicenseRegistered },
  LicenseRenewed: { schema: LicenseRenewed },
  LicenseSuspended: { schema: LicenseSuspended },
  LicenseReinstated: { schema: LicenseReinstated },
  LicenseChannelChanged: { schema: LicenseChannelChanged },
  LicenseCancellationRecorded: { schema: LicenseCancellationRecorded },
  ProductSwitched: { schema: ProductSwitched },
  LicenseNotSwitched: { schema: LicenseNotSwitched },
})

export const license = { decider: licenseDecider, codec: licenseCodec }
