import { Cause, Data, Effect, HashMap, Layer, Logger, ManagedRuntime, Schema } from "effect"
import { createHttpApp, type HttpAppOptions, openApiDocumentOf } from "../../apps/http/app.js"
import { defineFeature } from "../../apps/http/shell/feature.js"
import type { ProblemMapping } from "../../apps/http/shell/problem.js"
import { defineRoute } from "../../apps/http/shell/route.js"
import { IdempotencyKeyReused, StreamVersionConflict } from "../../domain/kernel/errors.js"
import { checkingResponses } from "./published-responses.js"

// == errors a feature would fail with

export class NotFound extends Data.TaggedError("NotFound")<{ readonly resource: string }> {}
export const thingReads = { name: "thing-reads", quota: 10, windowSeconds: 60 }
export class RateLimited extends Data.TaggedError("RateLimited")<{
  readonly policy: typeof thingReads
  readonly retryAfterSeconds: number
}> {}
export class LicenseExpired extends Schema.TaggedError<LicenseExpired>()("LicenseExpired", {
  licenseId: Schema.String,
}) {}
class NobodyMapsThis extends Data.TaggedError("NobodyMapsThis")<{ readonly secret: string }> {}

// == routes

const CreateThing = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1)),
  quantity: Schema.Int.pipe(Schema.positive()),
  email: Schema.String.pipe(Schema.pattern(/^[^@\s]+@[^@\s]+$/)),
  tags: Schema.Array(Schema.String),
}).annotations({ identifier: "CreateThing" })

const Thing = Schema.Struct({ id: Schema.String, name: Schema.String, requestId: Schema.String }).annotations(
  {
    identifier: "Thing",
  },
)

const createThing = defineRoute({
  method: "POST",
  path: "/v1/things",
  summary: "Create a thing",
  tags: ["things"],
  auth: "none",
  body: CreateThing,
  headers: {
    "Idempotency-Key": { description: "Makes a retry safe", schema: { type: "string", maxLength: 64 } },
  },
  responses: {
    201: {
      description: "Created",
      schema: Thing,
      headers: { Location: { description: "The thing's URL" } },
    },
  },
  failures: {},
  // `internalNote` is not in the response schema, so encoding must drop it.
  handler: ({ body, request }) =>
    Effect.succeed({
      status: 201,
      body: { id: "t-1", name: body.name, requestId: request.id, internalNote: "do not leak" },
      headers: { location: "/v1/things/t-1" },
    }),
})

type SampleFailure =
  | NotFound
  | StreamVersionConflict
  | IdempotencyKeyReused
  | RateLimited
  | LicenseExpired
  | NobodyMapsThis

const failures: Record<string, Effect.Effect<never, SampleFailure>> = {
  missing: Effect.fail(new NotFound({ resource: "thing" })),
  conflict: Effect.fail(new StreamVersionConflict({ streamId: "thing-1", expected: "3", actual: 4 })),
  reused: Effect.fail(new IdempotencyKeyReused({ key: "k-1" })),
  limited: Effect.fail(new RateLimited({ policy: thingReads, retryAfterSeconds: 2.5 })),
  expired: Effect.fail(new LicenseExpired({ licenseId: "lic-9" })),
  unmapped: Effect.fail(new NobodyMapsThis({ secret: "s3cr3t-unmapped" })),
  boom: Effect.die(new Error("s3cr3t-defect-message")),
}

const getThing = defineRoute({
  method: "GET",
  path: "/v1/things/:id",
  summary: "Read a thing",
  tags: ["things"],
  auth: "none",
  params: Schema.Struct({ id: Schema.String.pipe(Schema.pattern(/^[a-z0-9-]+$/)) }),
  query: Schema.Struct({ verbose: Schema.optional(Schema.BooleanFromString) }),
  responses: {
    200: { description: "The thing", schema: Thing },
    404: { description: "No such thing" },
    429: { description: "Slow down" },
  },
  failures: {
    IdempotencyKeyReused: true,
    LicenseExpired: true,
    NobodyMapsThis: true,
    NotFound: true,
    RateLimited: [thingReads],
    StreamVersionConflict: true,
  },
  handler: ({ params, query, request }) =>
    failures[params.id] ??
    Effect.succeed({
      status: 200,
      body: { id: params.id, name: query.verbose === true ? "verbose" : "terse", requestId: request.id },
    }),
})

const privateThing = defineRoute({
  method: "GET",
  path: "/v1/private",
  summary: "Needs a bearer token",
  responses: { 200: { description: "Secret", schema: Schema.Struct({ ok: Schema.Boolean }) } },
  failures: {},
  handler: () => Effect.succeed({ status: 200, body: { ok: true } }),
})

export const sampleRoutes = [createThing, getThing, privateThing]

const sampleProblems = {
  LicenseExpired: {
    status: 409,
    slug: "license-expired",
    title: "License expired",
    detail: (error) => `License ${error.licenseId} has expired.`,
  } satisfies ProblemMapping<LicenseExpired>,
}

export const sampleFeature = defineFeature({
  name: "things",
  routes: sampleRoutes,
  // @ts-expect-error: NobodyMapsThis is left unmapped on purpose, to test the 500 that guards at run time.
  problems: sampleProblems,
})

// == app under test

export interface LogLine {
  readonly level: string
  readonly message: string
  readonly values: string
  readonly annotations: Record<string, unknown>
  readonly cause: string
}

/** A runtime with no services whose logger records lines, so tests stay quiet and can read the log. */
export const sampleApp = (overrides: Partial<HttpAppOptions<never>> = {}) => {
  const logs: Array<LogLine> = []
  const capture = Logger.make(({ logLevel, message, annotations, cause }) => {
    logs.push({
      level: logLevel.label,
      message: Array.isArray(message) ? String(message[0]) : String(message),
      values: JSON.stringify(message),
      annotations: Object.fromEntries(HashMap.toEntries(annotations)),
      cause: Cause.pretty(cause),
    })
  })
  const runtime = ManagedRuntime.make(Logger.replace(Logger.defaultLogger, capture).pipe(Layer.orDie))
  const options: HttpAppOptions<never> = {
    runtime,
    features: [sampleFeature],
    health: Effect.succeed({ ok: true, checks: { database: "ok" } }),
    info: { title: "Sample", version: "1.2.3" },
    ...overrides,
  }
  const app = checkingResponses(createHttpApp(options), openApiDocumentOf(options))
  return { app, logs, runtime }
}

export const postJson = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  body,
  headers: { "content-type": "application/json", ...headers },
})

export const validThing = { name: "widget", quantity: 2, email: "a@example.com", tags: ["x"] }
