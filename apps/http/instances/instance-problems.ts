import type { ConsoleUnavailable } from "../../../application/instances/console-port.js"
import type { TemporarilyUnavailable } from "../../../domain/instances/instance.js"
import type { AcknowledgementRequired } from "../../../domain/instances/instance-commands.js"
import type { ProblemMapping } from "../shell/problem.js"
import { retryAfter } from "../shell/rate-limit-fields.js"

const notFound = {
  status: 404,
  slug: "instance-not-found",
  title: "Product instance not found",
  detail: () => "The account has no such product instance.",
}

const tokenUnknown = {
  status: 404,
  slug: "token-unknown",
  title: "Registration token unknown",
  detail: () => "This is not a registration token of a product instance waiting to be connected.",
}

/** The instance decider's refusals and the saga's console, on the wire. */
export const instanceProblems = {
  InstanceNotFound: notFound,
  LicenceNotForInstance: {
    status: 404,
    slug: "license-not-found",
    title: "Licence not found",
    detail: () => "The account has no Apex One SaaS licence like this one.",
  },
  InstanceNotReady: {
    status: 409,
    slug: "instance-not-ready",
    title: "Console not provisioned yet",
    detail: () => "The Vision One console is still being provisioned; try again once it is ready.",
  },
  InstanceAlreadyConnected: {
    status: 409,
    slug: "instance-already-connected",
    title: "Already connected",
    detail: () => "The existing product is connected already.",
  },
  InstanceNotConnected: {
    status: 409,
    slug: "instance-not-connected",
    title: "Not connected",
    detail: () => "Connect the existing product (Add existing product) before the update.",
  },
  TokenUnknown: tokenUnknown,
  TokenMalformed: tokenUnknown,
  TokenExpired: {
    status: 410,
    slug: "token-expired",
    title: "Registration token expired",
    detail: () => "The registration token has expired; issue a new one with Add existing product.",
  },
  TokenUsed: {
    status: 409,
    slug: "token-used",
    title: "Registration token used",
    detail: () => "The registration token was used already: the product is registered.",
  },
  AcknowledgementRequired: {
    status: 422,
    slug: "acknowledgement-required",
    title: "Acknowledgement required",
    detail: () =>
      "Accept the licence agreement, the privacy notice and the data-collection notice, and acknowledge that the update is permanent, signs every console user out and may require users to upgrade their accounts.",
    extensions: (error) => ({ missing: error.missing }),
  } satisfies ProblemMapping<AcknowledgementRequired>,
  InstanceLicenceExpired: {
    status: 409,
    slug: "license-expired",
    title: "Licence expired",
    detail: () => "The instance's licence has expired: the update is no longer possible.",
  },
  UpdateInProgress: {
    status: 409,
    slug: "update-in-progress",
    title: "Update in progress",
    detail: () => "The update has started already.",
  },
  AlreadyUpdated: {
    status: 409,
    slug: "already-updated",
    title: "Already updated",
    detail: () => "The instance is connected as Standard Endpoint Protection already.",
  },
  TemporarilyUnavailable: {
    status: 503,
    slug: "temporarily-unavailable",
    title: "Temporarily unavailable",
    headers: (error) => ({ "retry-after": retryAfter(error.retryAfterSeconds) }),
    detail: () =>
      "一時的な問題が発生しました。しばらくしてからもう一度お試しください。 A temporary problem occurred; please try again later.",
    extensions: (error) => ({ retryAt: error.retryAt }),
  } satisfies ProblemMapping<TemporarilyUnavailable>,
  ConsoleUnavailable: {
    status: 503,
    slug: "temporarily-unavailable",
    title: "Temporarily unavailable",
    headers: () => ({ "retry-after": "30" }),
    detail: () => "The console cannot be reached just now; please try again later.",
  } satisfies ProblemMapping<ConsoleUnavailable>,
}
