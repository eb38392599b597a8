import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { InstanceCommand, InstanceError } from "./instance-commands.js"
import { decideInstance } from "./instance-decide.js"
import {
  ConsoleProvisioned,
  InstanceConnected,
  type InstanceEvent,
  InstanceSwitched,
  ProvisioningRequested,
  RegistrationTokenIssued,
  SagaResumed,
  UpdateBegan,
  UpdateFailedForNow,
  UpdateRequested,
} from "./instance-events.js"
import type { InstanceState } from "./instance-state.js"

export * from "./instance-commands.js"
export * from "./instance-events.js"
export * from "./instance-state.js"

const unreachable = (value: never): never => {
  throw new Error(`unhandled instance event ${JSON.stringify(value)}`)
}

// Each event sets or counts; every rule is in decide. An event in a stage it does not belong to
// (never written by decide) leaves the state as it is.
const evolve = (state: InstanceState, event: InstanceEvent): InstanceState => {
  switch (event._tag) {
    case "ProvisioningRequested":
      return {
        _tag: "Provisioning",
        facts: {
          accountId: event.accountId,
          licenseKeyHash: event.licenseKeyHash,
          productId: event.productId,
        },
      }
    case "ConsoleProvisioned":
      return state._tag === "Provisioning" ? { _tag: "Ready", facts: state.facts } : state
    case "RegistrationTokenIssued":
      return state._tag === "Ready"
        ? { ...state, token: { tokenDigest: event.tokenDigest, expiresAt: event.expiresAt } }
        : state
    case "InstanceConnected":
      return state._tag === "Ready"
        ? {
            _tag: "Connected",
            facts: state.facts,
            usedToken: event.tokenDigest,
            users: event.consoleUsers.map((user) => ({ ...user, mustUpgrade: false })),
            attempts: 0,
          }
        : state
    case "UpdateRequested":
      return state._tag === "Connected"
        ? {
            _tag: "Updating",
            facts: state.facts,
            usedToken: state.usedToken,
            users: state.users,
            attempt: event.attempt,
            begun: false,
          }
        : state
    case "UpdateFailedForNow":
      return state._tag === "Updating"
        ? {
            _tag: "Connected",
            facts: state.facts,
            usedToken: state.usedToken,
            users: state.users,
            attempts: state.attempt,
            lastFailure: {
              attempt: event.attempt,
              reason: event.reason,
              retryAt: event.retryAt,
              at: event.at,
            },
          }
        : state
    case "UpdateBegan":
      return state._tag === "Updating" ? { ...state, begun: true } : state
    case "SagaResumed":
      // A fact for the timeline: the step's job is written again; the state stays.
      return state
    case "InstanceSwitched":
      return state._tag === "Updating"
        ? {
            _tag: "Switched",
            facts: state.facts,
            usedToken: state.usedToken,
            users: state.users.map((user) => ({ ...user, mustUpgrade: true })),
            attempt: state.attempt,
            switchedAt: event.at,
          }
        : state
  }
  return unreachable(event)
}

export const instanceDecider: Decider<InstanceCommand, InstanceState, InstanceEvent, InstanceError> = {
  initialState: { _tag: "None" },
  decide: decideInstance,
  evolve,
  isTerminal: (state) => state._tag === "Switched",
}

export const instanceCodec = makeEventCodec({
  ProvisioningRequested: { schema: ProvisioningRequested },
  ConsoleProvisioned: { schema: ConsoleProvisioned },
  RegistrationTokenIssued: { schema: RegistrationTokenIssued },
  InstanceConnected: { schema: InstanceConnected },
  UpdateRequested: { schema: UpdateRequested },
  UpdateFailedForNow: { schema: UpdateFailedForNow },
  UpdateBegan: { schema: UpdateBegan },
  InstanceSwitched: { schema: InstanceSwitched },
  SagaResumed: { schema: SagaResumed },
})

export const instance = { decider: instanceDecider, codec: instanceCodec }
