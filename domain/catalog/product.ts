import { Data, Either, Schema } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { Instant, isBefore } from "../kernel/instant.js"
import {
  activeLifecycle,
  type LifecycleEvent,
  type ProductLifecycle,
  type ProductPhase,
  ServiceSunset,
  SunsetCancelled,
  SunsetNoticesQueued,
  SunsetScheduled,
} from "./product-lifecycle.js"

export const productStreamId = (productId: string) => `product-${productId}`

export const LocalisedName = Schema.Struct({ ja: Schema.String, en: Schema.String })

export const ProductPackage = Schema.Struct({ id: Schema.String, names: LocalisedName })

/** A catalogue entry: data, not code; the lifecycle moves on in later features (switches, sunsets). */
/** Who holds the product: companies (the CLP's business accounts) or people (personal accounts). */
export const ProductAudience = Schema.Literal("business", "personal")
export type ProductAudience = typeof ProductAudience.Type

export const ProductDetails = Schema.Struct({
  names: LocalisedName,
  // Entries recorded before audiences existed were all business products.
  audience: Schema.optionalWith(ProductAudience, { default: () => "business" }),
  packages: Schema.Array(ProductPackage),
  consoleUrl: Schema.String,
  expiringSoonDays: Schema.Int,
})
export type ProductDetails = typeof ProductDetails.Type

export const ProductCataloged = Schema.TaggedStruct("ProductCataloged", {
  productId: Schema.String,
  details: ProductDetails,
  at: Instant,
})

export const ProductDetailsChanged = Schema.TaggedStruct("ProductDetailsChanged", {
  details: ProductDetails,
  at: Instant,
})

export type ProductEvent = typeof ProductCataloged.Type | typeof ProductDetailsChanged.Type | LifecycleEvent

export type ProductState =
  | { readonly _tag: "Absent" }
  | {
      readonly _tag: "Cataloged"
      readonly productId: string
      readonly details: ProductDetails
      readonly lifecycle: ProductLifecycle
    }

/** Cataloguing an existing product with other details changes them, so seeding is repeatable. */
export type ProductCommand =
  | {
      readonly _tag: "Catalog"
      readonly productId: string
      readonly details: ProductDetails
      readonly at: Instant
    }
  | {
      readonly _tag: "ScheduleSunset"
      readonly productId: string
      readonly scheduleId: string
      readonly endsAt: Instant
      readonly successor: string
      /** The successor's phase now, read by the caller: "unknown" when it is not in the catalogue. */
      readonly successorPhase: ProductPhase | "unknown"
      readonly noticeLeadDays: number
      readonly at: Instant
    }
  | { readonly _tag: "CancelSunset"; readonly productId: string; readonly at: Instant }
  | {
      readonly _tag: "RecordNoticeBatch"
      readonly productId: string
      readonly scheduleId: string
      /** The account id the batch started after, as the job read it: undefined for the first. */
      readonly after: string | undefined
      readonly through: string | undefined
      readonly count: number
      readonly done: boolean
      readonly at: Instant
    }
  | {
      readonly _tag: "ApplySunset"
      readonly productId: string
      readonly scheduleId: string
      readonly at: Instant
    }

export class ProductUnknown extends Data.TaggedError("ProductUnknown")<{ readonly productId: string }> {}
export class SuccessorInvalid extends Data.TaggedError("SuccessorInvalid")<{
  readonly successor: string
  readonly reason: "itself" | "unknown" | "ended"
}> {}
export class SunsetInPast extends Data.TaggedError("SunsetInPast")<{ readonly endsAt: Instant }> {}
/** The scheduled instant has passed: the sunset can only be applied now, not moved or cancelled. */
export class SunsetAlreadyDue extends Data.TaggedError("SunsetAlreadyDue")<{ readonly endsAt: Instant }> {}
export class SunsetNotDue extends Data.TaggedError("SunsetNotDue")<{ readonly endsAt: Instant }> {}
export class ServiceAlreadyEnded extends Data.TaggedError("ServiceAlreadyEnded")<{
  readonly endedAt: Instant
}> {}

export type ProductError =
  | ProductUnknown
  | SuccessorInvalid
  | SunsetInPast
  | SunsetAlreadyDue
  | SunsetNotDue
  | ServiceAlreadyEnded

// Field by field, whatever the order of the keys (a decoded entry's follows the schema, a typed one's its author).
const same = Schema.equivalence(ProductDetails)

const none = Either.right([] as ReadonlyArray<ProductEvent>)
const decided = (...events: ReadonlyArray<ProductEvent>) => Either.right(events)

const decideSchedule = (
  command: Extract<ProductCommand, { _tag: "ScheduleSunset" }>,
  state: Extract<ProductState, { _tag: "Cataloged" }>,
): Either.Either<ReadonlyArray<ProductEvent>, ProductError> => {
  const { lifecycle } = state
  if (lifecycle._tag === "Ended") return Either.left(new ServiceAlreadyEnded({ endedAt: lifecycle.endedAt }))
  if (command.successor === state.productId) {
    return Either.left(new SuccessorInvalid({ successor: command.successor, reason: "itself" }))
  }
  if (command.successorPhase === "unknown" || command.successorPhase === "ended") {
    return Either.left(new SuccessorInvalid({ successor: command.successor, reason: command.successorPhase }))
  }
  if (lifecycle._tag === "SunsetScheduled") {
    if (
      lifecycle.endsAt === command.endsAt &&
      lifecycle.successor === command.successor &&
      lifecycle.noticeLeadDays === command.noticeLeadDays
    ) {
      return none
    }
    if (!isBefore(command.at, lifecycle.endsAt))
      return Either.left(new SunsetAlreadyDue({ endsAt: lifecycle.endsAt }))
  }
  if (!isBefore(command.at, command.endsAt)) return Either.left(new SunsetInPast({ endsAt: command.endsAt }))
  return decided(
    SunsetScheduled.make({
      productId: state.productId,
      scheduleId: command.scheduleId,
      endsAt: command.endsAt,
      successor: command.successor,
      noticeLeadDays: command.noticeLeadDays,
      ...(lifecycle._tag === "SunsetScheduled" ? { replaces: lifecycle.scheduleId } : {}),
      at: command.at,
    }),
  )
}

const decideCataloged = (
  command: ProductCommand,
  state: Extract<ProductState, { _tag: "Cataloged" }>,
): Either.Either<ReadonlyArray<ProductEvent>, ProductError> => {
  const { lifecycle } = state
  switch (command._tag) {
    case "Catalog":
      return same(state.details, command.details)
        ? none
        : decided(ProductDetailsChanged.make({ details: command.details, at: command.at }))
    case "ScheduleSunset":
      return decideSchedule(command, state)
    case "CancelSunset":
      switch (lifecycle._tag) {
        case "Active":
          return none
        case "Ended":
          return Either.left(new ServiceAlreadyEnded({ endedAt: lifecycle.endedAt }))
        case "SunsetScheduled":
          return isBefore(command.at, lifecycle.endsAt)
            ? decided(SunsetCancelled.make({ scheduleId: lifecycle.scheduleId, at: command.at }))
            : Either.left(new SunsetAlreadyDue({ endsAt: lifecycle.endsAt }))
      }
      break
    case "RecordNoticeBatch":
      // A batch of another schedule, or one whose cursor is not where the notices stand, is an
      // earlier job run again: its accounts are already queued. One that neither moves the cursor
      // nor finishes would be accepted again and again, so it is nothing too.
      return lifecycle._tag !== "SunsetScheduled" ||
        lifecycle.scheduleId !== command.scheduleId ||
        lifecycle.noticesDone ||
        lifecycle.noticesThrough !== command.after ||
        (!command.done && command.through === command.after)
        ? none
        : decided(
            SunsetNoticesQueued.make({
              scheduleId: command.scheduleId,
              ...(command.through === undefined ? {} : { through: command.through }),
              count: command.count,
              done: command.done,
              at: command.at,
            }),
          )
    case "ApplySunset":
      // A job of a cancelled or replaced schedule, or one run again after the end, changes nothing.
      if (lifecycle._tag !== "SunsetScheduled" || lifecycle.scheduleId !== command.scheduleId) return none
      return isBefore(command.at, lifecycle.endsAt)
        ? Either.left(new SunsetNotDue({ endsAt: lifecycle.endsAt }))
        : decided(
            ServiceSunset.make({
              productId: state.productId,
              scheduleId: lifecycle.scheduleId,
              endsAt: lifecycle.endsAt,
              successor: lifecycle.successor,
              at: command.at,
            }),
          )
  }
}

export const productDecider: Decider<ProductCommand, ProductState, ProductEvent, ProductError> = {
  initialState: { _tag: "Absent" },
  decide: (command, state) => {
    if (state._tag === "Cataloged") return decideCataloged(command, state)
    return command._tag === "Catalog"
      ? decided(
          ProductCataloged.make({ productId: command.productId, details: command.details, at: command.at }),
        )
      : Either.left(new ProductUnknown({ productId: command.productId }))
  },
  evolve: (state, event) => {
    if (event._tag === "ProductCataloged") {
      return {
        _tag: "Cataloged",
        productId: event.productId,
        details: event.details,
        lifecycle: activeLifecycle,
      }
    }
    if (state._tag !== "Cataloged") return state
    const { lifecycle } = state
    switch (event._tag) {
      case "ProductDetailsChanged":
        return { ...state, details: event.details }
      case "SunsetScheduled":
        return {
          ...state,
          lifecycle: {
            _tag: "SunsetScheduled",
            scheduleId: event.scheduleId,
            endsAt: event.endsAt,
            successor: event.successor,
            noticeLeadDays: event.noticeLeadDays,
            scheduledAt: event.at,
            noticesThrough: undefined,
            noticesQueued: 0,
            noticesDone: false,
          },
        }
      case "SunsetCancelled":
        return { ...state, lifecycle: activeLifecycle }
      case "SunsetNoticesQueued":
        return lifecycle._tag === "SunsetScheduled"
          ? {
              ...state,
              lifecycle: {
                ...lifecycle,
                noticesThrough: event.through,
                noticesQueued: lifecycle.noticesQueued + event.count,
                noticesDone: event.done,
              },
            }
          : state
      case "ServiceSunset":
        return {
          ...state,
          lifecycle: {
            _tag: "Ended",
            scheduleId: event.scheduleId,
            endsAt: event.endsAt,
            endedAt: event.at,
            successor: event.successor,
          },
        }
    }
  },
}

export const productCodec = makeEventCodec({
  ProductCataloged: { schema: ProductCataloged },
  ProductDetailsChanged: { schema: ProductDetailsChanged },
  SunsetScheduled: { schema: SunsetScheduled },
  SunsetCancelled: { schema: SunsetCancelled },
  SunsetNoticesQueued: { schema: SunsetNoticesQueued },
  ServiceSunset: { schema: ServiceSunset },
})

export const product = { decider: productDecider, codec: productCodec }
