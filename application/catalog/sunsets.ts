import { Effect, Option } from "effect"
import { type ProductState, product, productStreamId } from "../../domain/catalog/product.js"
import { type ProductLifecycle, phaseAt } from "../../domain/catalog/product-lifecycle.js"
import { type EventMetadata, type Instant, isBefore, plusMillis } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { enqueue } from "../jobs/job-channel.js"
import { JobQueue } from "../jobs/job-queue.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { lifecycleChannel } from "./lifecycle-channel.js"
import { ProductLifecycles } from "./product-lifecycles.js"

/** How long before the end the holders are told, unless the operator says otherwise. */
export const defaultNoticeLeadDays = 30

const dayMillis = 24 * 60 * 60 * 1000

/** The sunset's last step, written only by the append that records `ServiceSunset`. */
export const endSessionsJob = (productId: string): OutboxMessage =>
  enqueue(lifecycleChannel, { _tag: "EndSessions", productId })

const lifecycleOf = (state: ProductState): ProductLifecycle | undefined =>
  state._tag === "Cataloged" ? state.lifecycle : undefined

export interface SunsetRequest {
  readonly endsAt: Instant
  readonly successor: string
  readonly noticeLeadDays?: number
}

/**
 * Schedules the end of a product, or moves it: the schedule and its two jobs (the notices, due the
 * lead time before; the end, due at the instant) are committed together, so a restart loses none.
 */
export const scheduleSunset = Effect.fn("Catalog.scheduleSunset")(function* (
  productId: string,
  request: SunsetRequest,
  metadata: EventMetadata,
) {
  const at = yield* now
  const lead = request.noticeLeadDays ?? defaultNoticeLeadDays
  const successor = yield* (yield* ProductLifecycles).view(request.successor)
  const successorPhase = Option.match(successor, {
    onNone: () => "unknown" as const,
    onSome: (record) => phaseAt(record.lifecycle, at).phase,
  })
  const scheduleId = yield* (yield* SecureRandom).uuidV7
  const noticeAt = plusMillis(request.endsAt, -lead * dayMillis)
  const result = yield* runCommand(
    product,
    productStreamId(productId),
    {
      _tag: "ScheduleSunset",
      productId,
      scheduleId,
      endsAt: request.endsAt,
      successor: request.successor,
      successorPhase,
      noticeLeadDays: lead,
      at,
    },
    {
      metadata,
      outbox: (events) =>
        events.length === 0
          ? []
          : [
              enqueue(lifecycleChannel, { _tag: "Apply", productId, scheduleId }, { dueAt: request.endsAt }),
              enqueue(
                lifecycleChannel,
                { _tag: "Notice", productId, scheduleId },
                { dueAt: isBefore(noticeAt, at) ? at : noticeAt },
              ),
            ],
    },
  )
  return { changed: result.events.length > 0, lifecycle: lifecycleOf(result.state) }
})

/** Takes the schedule back before its instant; its jobs stay and find it superseded. */
export const cancelSunset = Effect.fn("Catalog.cancelSunset")(function* (
  productId: string,
  metadata: EventMetadata,
) {
  const at = yield* now
  const result = yield* runCommand(
    product,
    productStreamId(productId),
    { _tag: "CancelSunset", productId, at },
    { metadata },
  )
  return { changed: result.events.length > 0 }
})

export type ApplyAnswer =
  | { readonly _tag: "Applied"; readonly productId: string; readonly endedAt: Instant }
  | { readonly _tag: "AlreadyEnded"; readonly productId: string; readonly endedAt: Instant }
  | { readonly _tag: "NotDue"; readonly productId: string; readonly endsAt: Instant }
  | { readonly _tag: "NotScheduled"; readonly productId: string }
  | { readonly _tag: "NotCataloged"; readonly productId: string }

/**
 * Records the end of a product whose instant has passed; what the job does, and what an operator
 * or `serve`'s start can do without waiting for it. Racing any of them writes one `ServiceSunset`.
 */
export const applySunset = Effect.fn("Catalog.applySunset")(function* (
  productId: string,
  metadata: EventMetadata,
) {
  const at = yield* now
  const streamId = productStreamId(productId)
  const lifecycle = lifecycleOf((yield* loadAggregate(product, streamId)).state)
  if (lifecycle === undefined) return { _tag: "NotCataloged", productId } satisfies ApplyAnswer
  if (lifecycle._tag === "Active") return { _tag: "NotScheduled", productId } satisfies ApplyAnswer
  if (lifecycle._tag === "Ended") {
    return { _tag: "AlreadyEnded", productId, endedAt: lifecycle.endedAt } satisfies ApplyAnswer
  }
  if (isBefore(at, lifecycle.endsAt))
    return { _tag: "NotDue", productId, endsAt: lifecycle.endsAt } satisfies ApplyAnswer
  const result = yield* runCommand(
    product,
    streamId,
    { _tag: "ApplySunset", productId, scheduleId: lifecycle.scheduleId, at },
    { metadata, outbox: (events) => (events.length === 0 ? [] : [endSessionsJob(productId)]) },
  ).pipe(
    // Decided on a stream read a moment ago: only a racing writer can make it not due now.
    Effect.catchTag("SunsetNotDue", (error) => Effect.die(error)),
  )
  const after = lifecycleOf(result.state)
  const endedAt = after?._tag === "Ended" ? after.endedAt : at
  return result.events.length > 0
    ? ({ _tag: "Applied", productId, endedAt } satisfies ApplyAnswer)
    : ({ _tag: "AlreadyEnded", productId, endedAt } satisfies ApplyAnswer)
})

/** Every product whose instant has passed and whose end is not yet recorded, applied now. */
export const applyDueSunsets = Effect.fn("Catalog.applyDueSunsets")(function* (metadata: EventMetadata) {
  const at = yield* now
  const due = (yield* (yield* ProductLifecycles).scheduled).filter(
    (record) => record.lifecycle._tag === "SunsetScheduled" && !isBefore(at, record.lifecycle.endsAt),
  )
  return yield* Effect.forEach(due, (record) => applySunset(record.productId, metadata))
})

/** What an operator and a customer see of a product's end, the phase read by time. */
export const sunsetStatus = Effect.fn("Catalog.sunsetStatus")(function* (productId: string) {
  const at = yield* now
  const record = yield* (yield* ProductLifecycles).view(productId)
  if (Option.isNone(record)) return Option.none()
  const { lifecycle, names } = record.value
  const view = phaseAt(lifecycle, at)
  const successorNames =
    view.successor === undefined
      ? undefined
      : Option.getOrUndefined(
          Option.map(yield* (yield* ProductLifecycles).view(view.successor), (successor) => successor.names),
        )
  return Option.some({
    productId,
    names,
    ...view,
    ...(successorNames === undefined ? {} : { successorNames }),
    /** False while the end is due by time but not yet recorded by `ServiceSunset`. */
    recorded: lifecycle._tag === "Ended",
    ...(lifecycle._tag === "SunsetScheduled"
      ? {
          scheduleId: lifecycle.scheduleId,
          noticeLeadDays: lifecycle.noticeLeadDays,
          noticesQueued: lifecycle.noticesQueued,
          noticesDone: lifecycle.noticesDone,
        }
      : {}),
    ...(lifecycle._tag === "Ended" ? { scheduleId: lifecycle.scheduleId } : {}),
  })
})

/** The lifecycle jobs' counts, for the operator's status. */
export const lifecycleJobCounts = Effect.map(
  Effect.flatMap(JobQueue, (queue) => queue.status({ deadLimit: 0 })),
  (status) =>
    status.channels.find((channel) => channel.channel === lifecycleChannel.name) ?? {
      channel: lifecycleChannel.name,
      pending: 0,
      done: 0,
      dead: 0,
    },
)
