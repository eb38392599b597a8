import { Data } from "effect"
import type { FieldError, ProblemMapping, ProblemTable } from "./problem.js"

// Failures the shell raises itself while turning a request into a handler's input.

export class MissingBearerToken extends Data.TaggedError("MissingBearerToken") {}

export class UnsupportedMediaType extends Data.TaggedError("UnsupportedMediaType")<{
  readonly received: string | undefined
}> {}

export class MalformedJson extends Data.TaggedError("MalformedJson") {}

/** The body stopped short: its chunked framing broke, or the client went away while sending it. */
export class RequestBodyUnreadable extends Data.TaggedError("RequestBodyUnreadable") {}

export class JsonTooDeep extends Data.TaggedError("JsonTooDeep")<{ readonly maxDepth: number }> {}

export class RequestValidationFailed extends Data.TaggedError("RequestValidationFailed")<{
  readonly errors: ReadonlyArray<FieldError>
}> {}

export type RequestError =
  | MissingBearerToken
  | UnsupportedMediaType
  | MalformedJson
  | RequestBodyUnreadable
  | JsonTooDeep
  | RequestValidationFailed

/** Refusals with no failure of their own: the body-size middleware's, and the answer to a bug. */
export const payloadTooLarge = { status: 413, slug: "payload-too-large", title: "Payload too large" } as const
export const internalError = { status: 500, slug: "internal-error", title: "Internal server error" } as const

/** The app's answers for what reaches no operation (so no operation lists them). */
export const routeNotFound = { status: 404, slug: "route-not-found", title: "Not found" } as const
export const methodNotAllowedProblem = {
  status: 405,
  slug: "method-not-allowed",
  title: "Method not allowed",
} as const
export const badRequest = { status: 400, slug: "bad-request", title: "Bad request" } as const

/**
 * Requests Node's HTTP parser refuses before any route sees them (see apps/http/unread-requests.ts),
 * and a body whose framing breaks while a route reads it.
 */
export const malformedRequest = {
  status: 400,
  slug: "malformed-request",
  title: "Malformed request",
} as const
export const requestTimeout = { status: 408, slug: "request-timeout", title: "Request timeout" } as const
export const headersTooLarge = {
  status: 431,
  slug: "headers-too-large",
  title: "Request headers too large",
} as const

/** A 422 with the list of invalid fields: the one shape for the shell's schemas and the use cases' own rules. */
export const validationFailed = {
  status: 422,
  slug: "validation-failed",
  title: "Validation failed",
  detail: (error: { readonly errors: ReadonlyArray<unknown> }) =>
    `${error.errors.length} invalid field(s); see errors.`,
} as const

/** Not overridable by features: clients rely on these shapes for every route. */
export const requestProblems = {
  MissingBearerToken: {
    status: 401,
    slug: "unauthorized",
    title: "Unauthorized",
    detail: () => "This operation needs an `Authorization: Bearer <token>` header.",
    headers: () => ({ "www-authenticate": "Bearer" }),
  },
  UnsupportedMediaType: {
    status: 415,
    slug: "unsupported-media-type",
    title: "Unsupported media type",
    detail: () => "The request body must be sent as application/json.",
  },
  MalformedJson: {
    status: 400,
    slug: "malformed-json",
    title: "Malformed JSON",
    detail: () => "The request body is not valid JSON.",
  },
  RequestBodyUnreadable: {
    ...malformedRequest,
    detail: () => "The request body ended before its framing said it would.",
  },
  JsonTooDeep: {
    status: 400,
    slug: "json-too-deep",
    title: "JSON nested too deep",
    detail: (error) => `The request body nests arrays and objects more than ${error.maxDepth} levels deep.`,
    extensions: (error) => ({ maxDepth: error.maxDepth }),
  } satisfies ProblemMapping<JsonTooDeep>,
  RequestValidationFailed: {
    ...validationFailed,
    extensions: (error) => ({ errors: error.errors }),
  } satisfies ProblemMapping<RequestValidationFailed>,
} satisfies ProblemTable
