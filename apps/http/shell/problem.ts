import { Schema } from "effect"
import { refusalHeaders, retryAfter } from "./rate-limit-fields.js"

// == the wire format (RFC 9457)

export const problemTypeUri = (slug: string): string => `https://portcullis.dev/problems/${slug}`

export const FieldError = Schema.Struct({
  in: Schema.Literal("path", "query", "body"),
  field: Schema.String.annotations({ description: "JSON pointer into the part named by `in`" }),
  reason: Schema.String,
}).annotations({ identifier: "FieldError" })
export type FieldError = typeof FieldError.Type

export const Problem = Schema.Struct(
  {
    type: Schema.String.annotations({
      description: "Names the kind of problem",
      jsonSchema: { format: "uri" },
    }),
    title: Schema.String,
    status: Schema.Int,
    detail: Schema.optional(Schema.String),
    instance: Schema.String.annotations({
      description:
        "The request path (secrets in it replaced); `urn:uuid:<requestId>` for a request refused before its path was read",
    }),
    requestId: Schema.String.annotations({
      description: "Quote it to support: it finds the request in the log",
    }),
    errors: Schema.optional(Schema.Array(FieldError)).annotations({
      description: "`validation-failed`: every invalid field",
    }),
    attemptsLeft: Schema.optional(Schema.Int.pipe(Schema.nonNegative())).annotations({
      description: "`code-rejected`: the tries left before the code (or the login) is locked",
    }),
    maxDepth: Schema.optional(Schema.Int.pipe(Schema.positive())).annotations({
      description: "`json-too-deep`: how deep a body may nest arrays and objects",
    }),
  },
  // A kind of problem may add its own members (RFC 9457 §3.2), such as `attemptsLeft`.
  Schema.Record({ key: Schema.String, value: Schema.Unknown }),
).annotations({ identifier: "Problem", description: "RFC 9457 problem details" })

export interface ProblemInit {
  readonly status: number
  readonly slug: string
  readonly title: string
  readonly detail?: string | undefined
  readonly extensions?: Readonly<Record<string, unknown>> | undefined
}

export interface ProblemContext {
  /** The request path, without the query string, which may carry tokens. */
  readonly instance: string
  readonly requestId: string
}

const standardMembers = new Set(["type", "title", "status", "detail", "instance", "requestId"])

// A mapping's extensions can add members but never overwrite the standard ones.
const withoutStandardMembers = (extensions: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(extensions).filter(([key]) => !standardMembers.has(key)))

/** The body as JSON text; also written straight to a socket for requests Hono never sees. */
export const problemJson = (problem: ProblemInit, context: ProblemContext): string =>
  JSON.stringify({
    type: problemTypeUri(problem.slug),
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    instance: context.instance,
    requestId: context.requestId,
    ...withoutStandardMembers(problem.extensions ?? {}),
  })

export const problemResponse = (
  problem: ProblemInit,
  context: ProblemContext,
  headers: Readonly<Record<string, string>> = {},
): Response =>
  new Response(problemJson(problem, context), {
    status: problem.status,
    headers: { ...headers, "content-type": "application/problem+json" },
  })

// == mapping typed failures to problems

/**
 * How a failure with a given `_tag` is shown to clients. `detail` is opt-in: an error's `message` is
 * written for operators and may name internals, so only what a mapping chooses reaches the client.
 */
export interface ProblemMapping<E = never> {
  readonly status: number
  readonly slug: string
  readonly title: string
  readonly detail?: (error: E) => string | undefined
  readonly headers?: (error: E) => Readonly<Record<string, string>>
  readonly extensions?: (error: E) => Readonly<Record<string, unknown>>
}

/**
 * Keyed by `_tag`. Each feature declares its own with `defineFeature`, which checks that it maps
 * every tag the feature's routes can fail with.
 */
export type ProblemTable = Readonly<Record<string, ProblemMapping<never>>>

interface RateLimitedFailure {
  readonly _tag: "RateLimited"
  readonly policy: { readonly name: string }
  readonly retryAfterSeconds: number
}

export const builtInProblems = {
  StreamVersionConflict: {
    status: 409,
    slug: "conflict",
    title: "Conflict",
    detail: () => "The resource was changed by another request; reload it and try again.",
  },
  IdempotencyKeyReused: {
    status: 409,
    slug: "idempotency-key-reused",
    title: "Idempotency key reused",
    detail: () => "This Idempotency-Key was already used for a different request.",
  },
  PreconditionFailed: {
    status: 412,
    slug: "precondition-failed",
    title: "Precondition failed",
    detail: () =>
      "The resource changed since the version given in If-Match; read it again (its ETag) and retry.",
  },
  InvalidCursor: {
    status: 400,
    slug: "invalid-cursor",
    title: "Invalid cursor",
    detail: () => "The `after` cursor names no item of this list; start again from the first page.",
  },
  InvalidIdempotencyKey: {
    status: 400,
    slug: "invalid-idempotency-key",
    title: "Invalid idempotency key",
    detail: () => "An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.",
  },
  RateLimited: {
    status: 429,
    slug: "rate-limited",
    title: "Too many requests",
    headers: (error: RateLimitedFailure) => refusalHeaders(error.policy.name, error.retryAfterSeconds),
    detail: (error: RateLimitedFailure) => `Try again in ${retryAfter(error.retryAfterSeconds)} seconds.`,
  },
  NotFound: { status: 404, slug: "not-found", title: "Not found" },
  Unauthorized: {
    status: 401,
    slug: "unauthorized",
    title: "Unauthorized",
    headers: () => ({ "www-authenticate": "Bearer" }),
  },
} satisfies ProblemTable

/** Tags the shell answers whichever feature fails with them; a feature may refine them. */
export type BuiltInTag = keyof typeof builtInProblems

/** Reads the `_tag` of a failure, if it has one, without trusting its shape. */
export const tagOf = (failure: unknown): string | undefined => {
  if (typeof failure !== "object" || failure === null || !("_tag" in failure)) return undefined
  return typeof failure._tag === "string" ? failure._tag : undefined
}
