import { Data, Effect, Either, ParseResult, Schema } from "effect"
import { fieldsWithNul, maxJsonDepth, nestsDeeperThan, pointer } from "./json-limits.js"
import type { FieldError } from "./problem.js"
import {
  JsonTooDeep,
  MalformedJson,
  RequestBodyUnreadable,
  RequestValidationFailed,
  UnsupportedMediaType,
} from "./request-errors.js"
import type { AnySchema, RawRequest } from "./route-types.js"

interface RequestSchemas {
  readonly params: AnySchema | undefined
  readonly query: AnySchema | undefined
  readonly body: AnySchema | undefined
}

// == issues

// Effect appends ", actual <value>" to its messages; the value may be a password or a code, and 422
// bodies end up in client and gateway logs, so the reason names the expectation only.
const withoutActualValue = (message: string): string => {
  const cut = message.indexOf(", actual ")
  return cut === -1 ? message : message.slice(0, cut)
}

// A union reports one issue per member it tried; the client wants one entry per field.
export const fieldErrors = (
  location: FieldError["in"],
  error: ParseResult.ParseError,
): ReadonlyArray<FieldError> => {
  const reasons = new Map<string, Set<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const field = pointer(issue.path)
    const known = reasons.get(field) ?? new Set()
    reasons.set(field, known.add(withoutActualValue(issue.message)))
  }
  return [...reasons].map(([field, reason]) => ({ in: location, field, reason: [...reason].join("; ") }))
}

// == request

const isJsonMediaType = (contentType: string | undefined): boolean =>
  contentType?.split(";")[0]?.trim().toLowerCase() === "application/json"

export const readJsonBody = (request: RawRequest) =>
  Effect.gen(function* () {
    if (!isJsonMediaType(request.contentType)) {
      return yield* new UnsupportedMediaType({ received: request.contentType })
    }
    const text = yield* Effect.tryPromise({
      try: () => request.readText(),
      catch: () => new RequestBodyUnreadable(),
    })
    if (nestsDeeperThan(text, maxJsonDepth)) return yield* new JsonTooDeep({ maxDepth: maxJsonDepth })
    return yield* Effect.try({ try: (): unknown => JSON.parse(text), catch: () => new MalformedJson() })
  })

const decodePart = (
  location: FieldError["in"],
  schema: AnySchema | undefined,
  value: unknown,
  onExcessProperty: "ignore" | "error",
): Effect.Effect<unknown, ReadonlyArray<FieldError>> =>
  schema === undefined
    ? Effect.succeed(undefined)
    : (withoutNul(location, value) ??
      Schema.decodeUnknown(schema, { errors: "all", onExcessProperty })(value).pipe(
        Effect.mapError((error) => fieldErrors(location, error)),
      ))

const withoutNul = (location: FieldError["in"], value: unknown) => {
  const errors = fieldsWithNul(location, value)
  return errors.length === 0 ? undefined : Effect.fail(errors)
}

const noInput = Effect.succeed({ params: undefined, query: undefined, body: undefined })

/** Decodes every part before failing, so one 422 lists every invalid field of the request. */
export const decodeRequest = (schemas: RequestSchemas, request: RawRequest, body: unknown) =>
  // Most reads declare nothing to decode: they skip the machinery below.
  schemas.params === undefined && schemas.query === undefined && schemas.body === undefined
    ? noInput
    : decodeParts(schemas, request, body)

const decodeParts = (schemas: RequestSchemas, request: RawRequest, body: unknown) =>
  Effect.gen(function* () {
    const [params, query, decodedBody] = yield* Effect.all(
      [
        decodePart("path", schemas.params, request.params, "ignore"),
        // Unknown query keys are tolerated: caches and proxies add their own (`?_=1712`).
        decodePart("query", schemas.query, request.query, "ignore"),
        // Unknown body fields are refused: a misspelt optional field would otherwise be silently dropped.
        decodePart("body", schemas.body, body, "error"),
      ],
      { mode: "either" },
    )
    const errors = [params, query, decodedBody].flatMap((part) => (Either.isLeft(part) ? part.left : []))
    if (errors.length > 0) return yield* new RequestValidationFailed({ errors })
    return {
      params: Either.getOrUndefined(params),
      query: Either.getOrUndefined(query),
      body: Either.getOrUndefined(decodedBody),
    }
  })

// == response

/** A handler returned a body its own response schema rejects: a bug, so it becomes a defect. */
export class ResponseEncodingFailed extends Data.TaggedError("ResponseEncodingFailed")<{
  readonly status: number
  readonly issues: ReadonlyArray<FieldError>
}> {}

export const encodeResponseBody = (schema: AnySchema, status: number, body: unknown) =>
  Schema.encodeUnknown(schema, { errors: "all" })(body).pipe(
    // The issues, not the ParseError, reach the log: the error would quote the body, which may hold secrets.
    Effect.mapError((error) => new ResponseEncodingFailed({ status, issues: fieldErrors("body", error) })),
    Effect.orDie,
  )
