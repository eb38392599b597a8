import { Either } from "effect"
import { type Instant, isBefore, millisBetween } from "../kernel/instant.js"
import {
  AcknowledgementRequired,
  AlreadyUpdated,
  InstanceAlreadyConnected,
  type InstanceCommand,
  type InstanceError,
  InstanceLicenceExpired,
  InstanceNotConnected,
  InstanceNotFound,
  InstanceNotReady,
  TemporarilyUnavailable,
  TokenExpired,
  TokenUnknown,
  TokenUsed,
  type UpdateAcceptances,
  UpdateInProgress,
} from "./instance-commands.js"
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
import { type InstanceState, updateTarget } from "./instance-state.js"

type Decided = Either.Either<ReadonlyArray<InstanceEvent>, InstanceError>
type Of<T extends InstanceCommand["_tag"]> = Extract<InstanceCommand, { _tag: T }>
const ok = (events: ReadonlyArray<InstanceEvent>): Decided => Either.right(events)
const refuse = (error: InstanceError): Decided => Either.left(error)

const acceptanceNames: ReadonlyArray<keyof UpdateAcceptances> = [
  "licenseAgreement",
  "privacyNotice",
  "dataCollectionNotice",
  "acknowledged",
]

const issueToken = (command: Of<"IssueToken">, state: InstanceState): Decided => {
  switch (state._tag) {
    case "None":
      return refuse(new InstanceNotFound())
    case "Provisioning":
      return refuse(new InstanceNotReady())
    case "Ready":
      // A new token replaces an unused one: only the newest digest is kept.
      return ok([
        RegistrationTokenIssued.make({
          tokenDigest: command.tokenDigest,
          expiresAt: command.expiresAt,
          at: command.at,
        }),
      ])
    default:
      return refuse(new InstanceAlreadyConnected())
  }
}

const isExpired = (expiresAt: Instant, at: Instant) => !isBefore(at, expiresAt)

/** The Apex One console's call: a token is good once, before it expires, for this instance only. */
const presentToken = (command: Of<"PresentToken">, state: InstanceState): Decided => {
  switch (state._tag) {
    case "None":
    case "Provisioning":
      return refuse(new TokenUnknown())
    case "Ready":
      if (state.token === undefined || state.token.tokenDigest !== command.tokenDigest)
        return refuse(new TokenUnknown())
      if (isExpired(state.token.expiresAt, command.at)) return refuse(new TokenExpired())
      return ok([
        InstanceConnected.make({
          tokenDigest: command.tokenDigest,
          consoleUsers: command.consoleUsers,
          at: command.at,
        }),
      ])
    default:
      return refuse(state.usedToken === command.tokenDigest ? new TokenUsed() : new TokenUnknown())
  }
}

/** The one-way door: only from connected, with everything accepted, on a licence still running. */
const requestUpdate = (command: Of<"RequestUpdate">, state: InstanceState): Decided => {
  switch (state._tag) {
    case "None":
      return refuse(new InstanceNotFound())
    case "Provisioning":
    case "Ready":
      return refuse(new InstanceNotConnected())
    case "Updating":
      return refuse(new UpdateInProgress())
    case "Switched":
      return refuse(new AlreadyUpdated())
    case "Connected": {
      const missing = acceptanceNames.filter((name) => !command.acceptances[name])
      if (missing.length > 0) return refuse(new AcknowledgementRequired({ missing }))
      // Calendar days compare as text; `today` is the account's day.
      if (command.licenceExpiresOn < command.today)
        return refuse(new InstanceLicenceExpired({ expiresOn: command.licenceExpiresOn }))
      if (state.lastFailure && isBefore(command.at, state.lastFailure.retryAt))
        return refuse(
          new TemporarilyUnavailable({
            retryAt: state.lastFailure.retryAt,
            retryAfterSeconds: Math.ceil(millisBetween(command.at, state.lastFailure.retryAt) / 1000),
          }),
        )
      return ok([UpdateRequested.make({ attempt: state.attempts + 1, at: command.at })])
    }
  }
}

/**
 * The saga's records of what the console answered. Each is about one attempt: an answer for an
 * attempt that is not the current one, or recorded already, changes nothing, so a step run twice
 * (a crash between the call and its record) writes once.
 */
const recordOutcome = (
  command: Of<"RecordUpdateFailedForNow" | "RecordUpdateBegan" | "RecordUpdateFinished">,
  state: InstanceState,
): Decided => {
  if (state._tag !== "Updating" || state.attempt !== command.attempt) return ok([])
  switch (command._tag) {
    case "RecordUpdateFailedForNow":
      // Once begun nothing goes back: a late "temporary problem" for it is not believed.
      return state.begun
        ? ok([])
        : ok([
            UpdateFailedForNow.make({
              attempt: command.attempt,
              reason: command.reason,
              retryAt: command.retryAt,
              at: command.at,
            }),
          ])
    case "RecordUpdateBegan":
      return state.begun ? ok([]) : ok([UpdateBegan.make({ attempt: command.attempt, at: command.at })])
    case "RecordUpdateFinished":
      return ok([
        InstanceSwitched.make({
          attempt: command.attempt,
          fromProduct: state.facts.productId,
          productId: updateTarget,
          at: command.at,
        }),
      ])
  }
}

/** Only a saga that waits on the console has a step to resume; a finished one has none. */
const resume = (command: Of<"ResumeSaga">, state: InstanceState): Decided => {
  switch (state._tag) {
    case "None":
      return refuse(new InstanceNotFound())
    case "Provisioning":
      return ok([SagaResumed.make({ step: "provision", at: command.at })])
    case "Updating":
      return ok([
        SagaResumed.make({
          step: state.begun ? "finish-update" : "start-update",
          attempt: state.attempt,
          at: command.at,
        }),
      ])
    default:
      return ok([])
  }
}

const unreachable = (value: never): never => {
  throw new Error(`unhandled instance case ${JSON.stringify(value)}`)
}

export const decideInstance = (command: InstanceCommand, state: InstanceState): Decided => {
  switch (command._tag) {
    case "RequestProvisioning":
      return state._tag === "None"
        ? ok([
            ProvisioningRequested.make({
              accountId: command.accountId,
              licenseKeyHash: command.licenseKeyHash,
              productId: command.productId,
              at: command.at,
            }),
          ])
        : ok([])
    case "RecordProvisioned":
      if (state._tag === "None") return refuse(new InstanceNotFound())
      return state._tag === "Provisioning" ? ok([ConsoleProvisioned.make({ at: command.at })]) : ok([])
    case "IssueToken":
      return issueToken(command, state)
    case "PresentToken":
      return presentToken(command, state)
    case "RequestUpdate":
      return requestUpdate(command, state)
    case "RecordUpdateFailedForNow":
    case "RecordUpdateBegan":
    case "RecordUpdateFinished":
      return recordOutcome(command, state)
    case "ResumeSaga":
      return resume(command, state)
  }
  return unreachable(command)
}
