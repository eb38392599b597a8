import { Effect, Either, Predicate } from "effect"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import type { Lang } from "../shell/texts.js"
import { instancesTexts } from "./instances-texts.js"

// The instance's refusals as the portal says them: a message on the page, never a 500. A stream
// conflict that outlived the runner's retries, or anything else, stays a defect (the 500 page).

export interface Refusal {
  readonly text: string
  /** As the API answers it: 404 not the account's, 503 the console's temporary problem, else 409. */
  readonly status: 404 | 409 | 503
  /** The temporary problem's "try again from …", in the account's zone. */
  readonly retry?: string
}

const refusalTags = [
  "InstanceNotFound",
  "LicenceNotForInstance",
  "InstanceNotReady",
  "InstanceAlreadyConnected",
  "InstanceNotConnected",
  "InstanceLicenceExpired",
  "UpdateInProgress",
  "AlreadyUpdated",
  "TemporarilyUnavailable",
] as const
type RefusalTag = (typeof refusalTags)[number]

export const refusalOf = (
  lang: Lang,
  timeZone: string,
  error: { readonly _tag: RefusalTag; readonly retryAt?: string },
): Refusal => {
  const t = instancesTexts[lang]
  switch (error._tag) {
    case "InstanceNotFound":
    case "LicenceNotForInstance":
      return { text: t.notFound, status: 404 }
    case "InstanceNotReady":
      return { text: t.notReady, status: 409 }
    case "InstanceAlreadyConnected":
      return { text: t.alreadyConnected, status: 409 }
    case "InstanceNotConnected":
      return { text: t.notConnected, status: 409 }
    case "InstanceLicenceExpired":
      return { text: t.licenceExpired, status: 409 }
    case "UpdateInProgress":
      return { text: t.inProgress, status: 409 }
    case "AlreadyUpdated":
      return { text: t.alreadyUpdated, status: 409 }
    case "TemporarilyUnavailable":
      return {
        text: t.temporaryProblem,
        status: 503,
        ...(error.retryAt ? { retry: t.retryFrom(formatInstant(lang, error.retryAt, timeZone)) } : {}),
      }
  }
}

const isRefusal = (error: unknown): error is { readonly _tag: RefusalTag; readonly retryAt?: string } =>
  refusalTags.some((tag) => Predicate.isTagged(error, tag))

/** The instance's expected refusals become a `Refusal` for the page (the left); any other failure a defect. */
export const refusedWith =
  (lang: Lang, timeZone: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<Either.Either<A, Refusal>, never, R> =>
    effect.pipe(
      Effect.map((value) => Either.right(value)),
      Effect.catchAll((error) =>
        isRefusal(error) ? Effect.succeed(Either.left(refusalOf(lang, timeZone, error))) : Effect.die(error),
      ),
    )
