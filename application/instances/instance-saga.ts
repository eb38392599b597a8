import { Effect, Either } from "effect"
import {
  type InstanceState,
  instance,
  instanceStreamId,
  updateTarget,
} from "../../domain/instances/instance.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { loadAggregate } from "../event-log/decide-step.js"
import { followUp } from "../jobs/follow-up.js"
import { done, handleChannel, retryLater, waitFor } from "../jobs/job-handler.js"
import { now } from "../platform/now.js"
import { ConsolePort, idempotencyKeys } from "./console-port.js"
import { type InstanceJob, instanceChannel, instanceJob } from "./instance-channel.js"
import { instanceMail } from "./instance-mails.js"

// The process manager of manual 004's move: each step reads the instance, asks the console, and
// records the answer as a command on the instance in one transaction with the job's completion
// (and the next step's job). A step that finds its work recorded already is done; one run twice
// asks the console with the same idempotency key and gets the same answer, and the instance's
// decider writes it once. A console that cannot be reached is a failure of the job: retried with
// back-off and jitter, dead after the queue's ceiling, where support sees it (`jobs status`).

const stateOf = (instanceId: string) =>
  Effect.map(loadAggregate(instance, instanceStreamId(instanceId)), (loaded) => loaded.state)

const unreachableConsole = (reason: string) => retryLater(`console unavailable: ${reason}`)

/** Is the job about the attempt the instance is in, still to be recorded? */
const currentAttempt = (state: InstanceState, attempt: number) =>
  state._tag === "Updating" && state.attempt === attempt ? state : undefined

const provision = (job: Extract<InstanceJob, { _tag: "Provision" }>) =>
  Effect.gen(function* () {
    const state = yield* stateOf(job.instanceId)
    if (state._tag !== "Provisioning") return done("already provisioned")
    const answer = yield* Effect.either(
      (yield* ConsolePort).provision({
        instanceId: job.instanceId,
        idempotencyKey: idempotencyKeys.provision(job.instanceId),
      }),
    )
    if (Either.isLeft(answer)) return unreachableConsole(answer.left.reason)
    if (answer.right._tag === "InProgress") return waitFor("console still provisioning", answer.right.checkAt)
    const mails = yield* instanceMail(state.facts.accountId, { _tag: "Ready" })
    return done(
      "console provisioned",
      followUp(
        instance,
        instanceStreamId(job.instanceId),
        { _tag: "RecordProvisioned", at: yield* now },
        { outbox: (events) => (events.length === 0 ? [] : mails) },
      ),
    )
  })

const startUpdate = (job: Extract<InstanceJob, { _tag: "StartUpdate" }>) =>
  Effect.gen(function* () {
    const state = currentAttempt(yield* stateOf(job.instanceId), job.attempt)
    if (state === undefined || state.begun) return done("attempt already recorded")
    const answer = yield* Effect.either(
      (yield* ConsolePort).startUpdate({
        instanceId: job.instanceId,
        attempt: job.attempt,
        idempotencyKey: idempotencyKeys.startUpdate(job.instanceId, job.attempt),
      }),
    )
    if (Either.isLeft(answer)) return unreachableConsole(answer.left.reason)
    const at = yield* now
    const streamId = instanceStreamId(job.instanceId)
    if (answer.right._tag === "TemporaryProblem") {
      const { reason, retryAt } = answer.right
      const mails = yield* instanceMail(state.facts.accountId, { _tag: "FailedForNow", retryAt })
      return done(
        "the console's temporary problem: the update did not begin",
        followUp(
          instance,
          streamId,
          { _tag: "RecordUpdateFailedForNow", attempt: job.attempt, reason, retryAt, at },
          { outbox: (events) => (events.length === 0 ? [] : mails) },
        ),
      )
    }
    return done(
      "update begun",
      followUp(
        instance,
        streamId,
        { _tag: "RecordUpdateBegan", attempt: job.attempt, at },
        {
          outbox: (events) =>
            events.length === 0
              ? []
              : [instanceJob({ _tag: "FinishUpdate", instanceId: job.instanceId, attempt: job.attempt })],
        },
      ),
    )
  })

const finishUpdate = (job: Extract<InstanceJob, { _tag: "FinishUpdate" }>) =>
  Effect.gen(function* () {
    const state = currentAttempt(yield* stateOf(job.instanceId), job.attempt)
    if (state === undefined) return done("attempt already recorded")
    const answer = yield* Effect.either(
      (yield* ConsolePort).updateStatus({
        instanceId: job.instanceId,
        attempt: job.attempt,
        idempotencyKey: idempotencyKeys.updateStatus(job.instanceId, job.attempt),
      }),
    )
    if (Either.isLeft(answer)) return unreachableConsole(answer.left.reason)
    if (answer.right._tag === "InProgress") return waitFor("console still updating", answer.right.checkAt)
    const mails = yield* instanceMail(state.facts.accountId, {
      _tag: "Finished",
      consoleUsers: state.users.length,
    })
    const switchLicence = instanceJob({
      _tag: "SwitchLicence",
      instanceId: job.instanceId,
      licenseKeyHash: state.facts.licenseKeyHash,
    })
    return done(
      "update finished",
      followUp(
        instance,
        instanceStreamId(job.instanceId),
        { _tag: "RecordUpdateFinished", attempt: job.attempt, at: yield* now },
        { outbox: (events) => (events.length === 0 ? [] : [...mails, switchLicence]) },
      ),
    )
  })

const switchLicence = (job: Extract<InstanceJob, { _tag: "SwitchLicence" }>) =>
  Effect.map(now, (at) =>
    done(
      "licence moved",
      followUp(license, licenseStreamId(job.licenseKeyHash), {
        _tag: "SwitchForInstance",
        instanceId: job.instanceId,
        productId: updateTarget,
        at,
      }),
    ),
  )

/** The `instances` channel: the saga's steps. */
export const instanceJobHandler = handleChannel(instanceChannel, (job) => {
  switch (job._tag) {
    case "Provision":
      return provision(job)
    case "StartUpdate":
      return startUpdate(job)
    case "FinishUpdate":
      return finishUpdate(job)
    case "SwitchLicence":
      return switchLicence(job)
  }
})
