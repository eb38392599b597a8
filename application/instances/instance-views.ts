import { Effect, Either } from "effect"
import {
  type InstanceState,
  instance,
  instanceCodec,
  instanceStreamId,
  productOf,
  statusOf,
  updateTarget,
} from "../../domain/instances/instance.js"
import type { Instant } from "../../domain/kernel/index.js"
import { loadAggregates } from "../event-log/decide-step.js"
import { EventStore } from "../event-log/event-store.js"
import { LicenseDirectory } from "../licensing/license-directory.js"
import { consoleUsersWithAccounts } from "./console-user-facts.js"
import { instanceProduct, ownInstance } from "./instance-actions.js"

/** An instance as the product-instance list shows it. */
export interface InstanceView {
  readonly id: string
  readonly licenseId: string
  readonly status: "not-provisioned" | "provisioning" | "ready" | "connected" | "updating"
  /** The product it is connected as (the licence's product until the update). */
  readonly productId: string
  readonly updated: boolean
  readonly consoleUsers: number
  /** The last attempt's temporary problem, while the instance waits to be tried again. */
  readonly lastFailure?: { readonly attempt: number; readonly message: string; readonly retryAt: Instant }
  /** While a token waits to be presented: when it expires (the token itself is never shown again). */
  readonly tokenExpiresAt?: Instant
}

export const viewOf = (id: string, state: Exclude<InstanceState, { _tag: "None" }>): InstanceView => ({
  id,
  licenseId: state.facts.licenseKeyHash,
  status: statusOf(state),
  productId: productOf(state),
  updated: state._tag === "Switched",
  consoleUsers: state._tag === "Provisioning" || state._tag === "Ready" ? 0 : state.users.length,
  ...(state._tag === "Connected" && state.lastFailure
    ? {
        lastFailure: {
          attempt: state.lastFailure.attempt,
          message: state.lastFailure.reason,
          retryAt: state.lastFailure.retryAt,
        },
      }
    : {}),
  ...(state._tag === "Ready" && state.token ? { tokenExpiresAt: state.token.expiresAt } : {}),
})

/** The account's Apex One SaaS licences, each with its instance (or none provisioned yet). */
export const listAccountInstances = Effect.fn("Instances.list")(function* (accountId: string) {
  const licences = (yield* (yield* LicenseDirectory).forAccount(accountId)).filter(
    (licence) => licence.productId === instanceProduct || licence.productId === updateTarget,
  )
  const loaded = yield* loadAggregates(
    instance,
    licences.map((licence) => instanceStreamId(licence.keyHash)),
  )
  return licences.flatMap((licence): ReadonlyArray<InstanceView> => {
    const state = loaded.get(instanceStreamId(licence.keyHash))?.state
    if (state === undefined || state._tag === "None")
      // A licence that is the target product already has no console of ours to move.
      return licence.productId === instanceProduct
        ? [
            {
              id: licence.keyHash,
              licenseId: licence.keyHash,
              status: "not-provisioned",
              productId: licence.productId,
              updated: false,
              consoleUsers: 0,
            },
          ]
        : []
    return [viewOf(licence.keyHash, state)]
  })
})

export const showInstance = Effect.fn("Instances.show")(function* (accountId: string, instanceId: string) {
  const { state } = yield* ownInstance(accountId, instanceId)
  return viewOf(instanceId, state)
})

/** The console's users, whether each must upgrade at the next sign-in, and the e-mail of those who did. */
export const instanceConsoleUsers = Effect.fn("Instances.consoleUsers")(function* (
  accountId: string,
  instanceId: string,
) {
  const { state } = yield* ownInstance(accountId, instanceId)
  return yield* consoleUsersWithAccounts(instanceId, state)
})

/** One line of the saga's timeline, for support: what happened, when, to which attempt. */
export interface TimelineEntry {
  readonly at: Instant
  readonly event: string
  readonly attempt?: number
  readonly detail?: string
}

/** The instance's stream as a timeline (no token digests: only that a token was issued). */
export const instanceTimeline = (instanceId: string) =>
  Effect.gen(function* () {
    const recorded = yield* (yield* EventStore).readStream(instanceStreamId(instanceId))
    return recorded.flatMap((row): ReadonlyArray<TimelineEntry> => {
      const decoded = instanceCodec.decode(row.type, row.schemaVersion, row.data)
      if (Either.isLeft(decoded)) return [{ at: row.recordedAt.toISOString() as Instant, event: row.type }]
      const event = decoded.right
      const attempt =
        "attempt" in event && typeof event.attempt === "number" ? { attempt: event.attempt } : {}
      const detail =
        event._tag === "UpdateFailedForNow"
          ? { detail: `${event.reason} (retry from ${event.retryAt})` }
          : event._tag === "SagaResumed"
            ? { detail: `step ${event.step}` }
            : event._tag === "InstanceSwitched"
              ? { detail: `${event.fromProduct} → ${event.productId}` }
              : {}
      return [{ at: event.at, event: event._tag, ...attempt, ...detail }]
    })
  })
