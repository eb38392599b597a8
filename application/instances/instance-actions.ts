import { DateTime, Effect, Option } from "effect"
import {
  InstanceNotFound,
  type InstanceState,
  instance,
  instanceStreamId,
  type UpdateAcceptances,
} from "../../domain/instances/instance.js"
import { type EventMetadata, plusMillis } from "../../domain/kernel/index.js"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { LicenseDirectory } from "../licensing/license-directory.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { ConsolePort, idempotencyKeys } from "./console-port.js"
import { instanceJob } from "./instance-channel.js"
import { LicenceNotForInstance, resumedJob, TokenMalformed } from "./instance-facts.js"
import { refusalsOnly } from "./refusals-only.js"

/** Apex One SaaS licences have an instance; its id is the licence's (one instance per licence). */
export const instanceProduct = "apex-one-saas"
const tokenPurpose = "instance-registration-token"
/** How long a registration token may wait to be pasted into the Apex One console. */
export const tokenMinutes = 60

type Found = Exclude<InstanceState, { _tag: "None" }>

/** The account's own instance, or not found (another account's is not found either). */
export const ownInstance = (accountId: string, instanceId: string) =>
  Effect.gen(function* () {
    const loaded = yield* loadAggregate(instance, instanceStreamId(instanceId))
    const { state } = loaded
    if (state._tag === "None" || state.facts.accountId !== accountId) return yield* new InstanceNotFound()
    return { state: state as Found, loaded }
  })

/** "Provision Console" for one of the account's Apex One SaaS licences; the saga takes it from here. */
export const provisionInstance = Effect.fn("Instances.provision")(
  function* (accountId: string, licenseId: string, metadata: EventMetadata) {
    const record = yield* (yield* LicenseDirectory).byKeyHash(licenseId)
    if (
      Option.isNone(record) ||
      record.value.accountId !== accountId ||
      record.value.productId !== instanceProduct
    )
      return yield* new LicenceNotForInstance()
    const result = yield* runCommand(
      instance,
      instanceStreamId(licenseId),
      {
        _tag: "RequestProvisioning",
        accountId,
        licenseKeyHash: licenseId,
        productId: instanceProduct,
        at: yield* now,
      },
      {
        metadata,
        outbox: (events) =>
          events.length === 0 ? [] : [instanceJob({ _tag: "Provision", instanceId: licenseId })],
      },
    )
    return result.state
  },
  refusalsOnly("LicenceNotForInstance", "StreamVersionConflict"),
)

/** "Add existing product": a token shown once; only its keyed digest is kept. */
export const issueRegistrationToken = Effect.fn("Instances.issueToken")(
  function* (accountId: string, instanceId: string, metadata: EventMetadata) {
    const { loaded } = yield* ownInstance(accountId, instanceId)
    const secret = Buffer.from(yield* (yield* SecureRandom).bytes(32)).toString("base64url")
    const token = `${instanceId}.${secret}`
    const tokenDigest = yield* (yield* KeyedDigest).digest(tokenPurpose, token)
    const at = yield* now
    const expiresAt = plusMillis(at, tokenMinutes * 60_000)
    yield* runCommand(
      instance,
      instanceStreamId(instanceId),
      { _tag: "IssueToken", tokenDigest, expiresAt, at },
      { metadata, loaded },
    )
    return { token, expiresAt }
  },
  refusalsOnly("InstanceNotFound", "InstanceNotReady", "InstanceAlreadyConnected", "StreamVersionConflict"),
)

/** The Apex One console presents the token: registered there, connected here, with its users. */
export const presentRegistrationToken = Effect.fn("Instances.presentToken")(
  function* (token: string, metadata: EventMetadata) {
    const instanceId = token.split(".")[0] ?? ""
    if (instanceId === "" || !token.includes(".")) return yield* new TokenMalformed()
    const tokenDigest = yield* (yield* KeyedDigest).digest(tokenPurpose, token)
    const streamId = instanceStreamId(instanceId)
    const loaded = yield* loadAggregate(instance, streamId)
    const at = yield* now
    // The token is checked before the console is asked for its users: a stranger's guess costs the
    // console nothing. The decider decides again with them, on the stream as loaded.
    yield* instance.decider.decide({ _tag: "PresentToken", tokenDigest, consoleUsers: [], at }, loaded.state)
    const consoleUsers = yield* (yield* ConsolePort).consoleUsers({
      instanceId,
      idempotencyKey: idempotencyKeys.users(instanceId),
    })
    const result = yield* runCommand(
      instance,
      streamId,
      { _tag: "PresentToken", tokenDigest, consoleUsers, at },
      { metadata, loaded },
    )
    return { instanceId, state: result.state }
  },
  refusalsOnly(
    "TokenMalformed",
    "TokenUnknown",
    "TokenExpired",
    "TokenUsed",
    "ConsoleUnavailable",
    "StreamVersionConflict",
  ),
)

/** The update dialog's answer: the three documents, the acknowledgement; the saga starts the update. */
export const requestUpdate = Effect.fn("Instances.requestUpdate")(
  function* (accountId: string, instanceId: string, acceptances: UpdateAcceptances, metadata: EventMetadata) {
    const { state, loaded } = yield* ownInstance(accountId, instanceId)
    const record = yield* (yield* LicenseDirectory).byKeyHash(state.facts.licenseKeyHash)
    // A licence the read model no longer has (erased) has no days left: the update is refused as expired.
    const licenceExpiresOn = Option.match(record, { onNone: () => "0000-01-01", onSome: (r) => r.expiresOn })
    const facts = yield* accountFacts(accountId)
    const at = yield* now
    const result = yield* runCommand(
      instance,
      instanceStreamId(instanceId),
      {
        _tag: "RequestUpdate",
        acceptances,
        licenceExpiresOn,
        today: calendarDateIn(DateTime.unsafeMake(at), facts.timeZone),
        at,
      },
      {
        metadata,
        loaded,
        outbox: (events) =>
          events.flatMap((event) =>
            event._tag === "UpdateRequested"
              ? [instanceJob({ _tag: "StartUpdate", instanceId, attempt: event.attempt })]
              : [],
          ),
      },
    )
    return result.state
  },
  refusalsOnly(
    "InstanceNotFound",
    "InstanceNotConnected",
    "UpdateInProgress",
    "AlreadyUpdated",
    "AcknowledgementRequired",
    "InstanceLicenceExpired",
    "TemporarilyUnavailable",
    "StreamVersionConflict",
    "AccountNotFound",
  ),
)

/** Support: the saga's waiting step runs again (its job died at the ceiling, or the console was fixed). */
export const resumeInstance = Effect.fn("Instances.resume")(
  function* (instanceId: string, metadata: EventMetadata) {
    const result = yield* runCommand(
      instance,
      instanceStreamId(instanceId),
      { _tag: "ResumeSaga", at: yield* now },
      { metadata, outbox: (events) => events.flatMap((event) => resumedJob(instanceId, event)) },
    )
    return { resumed: result.events.length > 0, state: result.state }
  },
  refusalsOnly("InstanceNotFound", "StreamVersionConflict"),
)
