import { Either, FastCheck as fc } from "effect"
import {
  ConsoleProvisioned,
  type InstanceCommand,
  InstanceConnected,
  type InstanceError,
  type InstanceEvent,
  type InstanceState,
  instanceDecider,
  ProvisioningRequested,
  RegistrationTokenIssued,
  updateTarget,
} from "../../domain/instances/instance.js"
import type { Decider } from "../../domain/kernel/index.js"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import {
  type LicenseCommand,
  type LicenseError,
  type LicenseState,
  licenseDecider,
} from "../../domain/licensing/license.js"
import {
  type LicenseEvent,
  LicenseKeyIssued,
  LicenseRegistered,
} from "../../domain/licensing/license-events.js"
import type { CommandScripts } from "./command-scripts.js"

// The instance and its licence as one system, so a property sees both streams: a step is a command
// to one of them. The saga's steps come in any order and any number of times, as a crash between a
// console call and its record, a restart, or a second `serve` would deliver them; each names the
// current attempt or an earlier one. Time stands still or moves forward up to 40 minutes a step.

export type SystemState = { readonly instance: InstanceState; readonly licence: LicenseState }
export type SystemCommand =
  | { readonly to: "instance"; readonly command: InstanceCommand }
  | { readonly to: "licence"; readonly command: LicenseCommand }
export type SystemEvent =
  | { readonly on: "instance"; readonly event: InstanceEvent }
  | { readonly on: "licence"; readonly event: LicenseEvent }
export type SystemError = InstanceError | LicenseError

const start = Date.UTC(2026, 11, 7, 9, 0, 0)
const at0 = instantFromMillis(start)
const key = {
  keyHash: "kh",
  sealedKey: "sealed",
  kind: "rk" as const,
  productId: "apex-one-saas",
  packageId: "standard",
  seats: 50,
  licenseType: "full" as const,
  expiresOn: "2027-03-31",
  channel: "direct" as const,
  batchId: "b1",
}

/** A connected Apex One SaaS instance on a registered licence: where the update starts. */
export const connectedSystem: SystemState = {
  instance: [
    ProvisioningRequested.make({
      accountId: "acc-1",
      licenseKeyHash: "kh",
      productId: "apex-one-saas",
      at: at0,
    }),
    ConsoleProvisioned.make({ at: at0 }),
    RegistrationTokenIssued.make({
      tokenDigest: "t",
      expiresAt: instantFromMillis(start + 3_600_000),
      at: at0,
    }),
    InstanceConnected.make({ tokenDigest: "t", consoleUsers: [], at: at0 }),
  ].reduce(instanceDecider.evolve, instanceDecider.initialState),
  licence: [
    LicenseKeyIssued.make({ ...key, at: at0 }),
    LicenseRegistered.make({ accountId: "acc-1", at: at0 }),
  ].reduce(licenseDecider.evolve, licenseDecider.initialState),
}

export const systemDecider: Decider<SystemCommand, SystemState, SystemEvent, SystemError> = {
  initialState: connectedSystem,
  decide: (command, state) =>
    command.to === "instance"
      ? Either.map(instanceDecider.decide(command.command, state.instance), (events) =>
          events.map((event) => ({ on: "instance" as const, event })),
        )
      : Either.map(licenseDecider.decide(command.command, state.licence), (events) =>
          events.map((event) => ({ on: "licence" as const, event })),
        ),
  evolve: (state, { on, event }) =>
    on === "instance"
      ? { ...state, instance: instanceDecider.evolve(state.instance, event) }
      : { ...state, licence: licenseDecider.evolve(state.licence, event) },
}

type Step = {
  readonly kind: "request" | "failForNow" | "begin" | "finish" | "switchLicence"
  /** The attempt a saga step is about: the current one, or an earlier one delivered late. */
  readonly stale: number
  readonly acknowledged: boolean
  readonly minutes: number
}

const step: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom("request", "request", "failForNow", "failForNow", "begin", "finish", "switchLicence"),
  stale: fc.constantFrom(0, 0, 0, 1, 2),
  acknowledged: fc.boolean(),
  minutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
})

const attemptOf = (state: InstanceState) =>
  state._tag === "Updating" || state._tag === "Switched"
    ? state.attempt
    : state._tag === "Connected"
      ? state.attempts
      : 0

export const instanceScripts: CommandScripts<
  SystemCommand,
  SystemState,
  SystemEvent,
  SystemError,
  Step,
  "saga"
> = {
  decider: systemDecider,
  scripts: fc.array(step, { minLength: 1, maxLength: 30 }),
  variants: ["saga"],
  resolver: () => {
    let millis = start
    return (s, state) => {
      millis += s.minutes * 60_000
      const at = instantFromMillis(millis)
      const attempt = Math.max(1, attemptOf(state.instance) - s.stale)
      switch (s.kind) {
        case "request":
          return {
            to: "instance",
            command: {
              _tag: "RequestUpdate",
              acceptances: {
                licenseAgreement: true,
                privacyNotice: true,
                dataCollectionNotice: true,
                acknowledged: s.acknowledged || s.minutes % 3 !== 0,
              },
              licenceExpiresOn: key.expiresOn,
              today: at.slice(0, 10),
              at,
            },
          }
        case "failForNow":
          return {
            to: "instance",
            command: {
              _tag: "RecordUpdateFailedForNow",
              attempt,
              reason: "temporary problem",
              retryAt: instantFromMillis(millis + 30 * 60_000),
              at,
            },
          }
        case "begin":
          return { to: "instance", command: { _tag: "RecordUpdateBegan", attempt, at } }
        case "finish":
          return { to: "instance", command: { _tag: "RecordUpdateFinished", attempt, at } }
        case "switchLicence":
          // The saga asks the licence only once the instance has switched; delivered again and again.
          return state.instance._tag === "Switched"
            ? {
                to: "licence",
                command: { _tag: "SwitchForInstance", instanceId: "kh", productId: updateTarget, at },
              }
            : { to: "instance", command: { _tag: "RecordUpdateBegan", attempt, at } }
      }
    }
  },
}
