import { Data, Effect } from "effect"
import { decodeRequest, encodeResponseBody, readJsonBody } from "./decode-request.js"
import { MissingBearerToken } from "./request-errors.js"
import {
  type EncodedResponse,
  isJsonResponse,
  isMediaResponse,
  type RawRequest,
  type RequestInfo,
  type RouteInput,
  type RouteResult,
  type RouteShape,
} from "./route-types.js"

const hasBearerToken = (header: RequestInfo["header"]): boolean =>
  /^Bearer\s+\S+/i.test(header("authorization") ?? "")

/** A handler answered in a way its route does not publish: a bug, so it becomes a defect. */
export class UndeclaredResponse extends Data.TaggedError("UndeclaredResponse")<{
  readonly status: number
  readonly reason: string
}> {}

const undeclared = (status: number, reason: string) => Effect.die(new UndeclaredResponse({ status, reason }))

/** The answer as the route's declared response for its status says it is sent. */
// A plain function, not a generator: it runs on every request, the hottest reads included.
const encodeResult = (route: RouteShape, result: RouteResult): Effect.Effect<EncodedResponse> => {
  const { status } = result
  const spec = route.responses[status]
  if (spec === undefined) return undeclared(status, "the status is not declared")
  const headers = isMediaResponse(spec)
    ? { "content-type": spec.mediaType, ...result.headers }
    : (result.headers ?? {})
  if (result.encoded !== undefined) {
    return isJsonResponse(spec) || isMediaResponse(spec)
      ? Effect.succeed({ status, body: undefined, encoded: result.encoded, headers })
      : undeclared(status, "no body declared")
  }
  if (result.body === undefined) return Effect.succeed({ status, body: undefined, headers })
  if (!isJsonResponse(spec)) return undeclared(status, "a JSON body without a schema")
  return Effect.map(encodeResponseBody(spec.schema, status, result.body), (body) => ({
    status,
    body,
    headers,
  }))
}

/**
 * Auth, media type, JSON syntax, then schemas: an anonymous caller learns nothing about the body's
 * shape, and a body is only validated once it is known to be JSON.
 */
export const handleRequest = <E, R>(
  route: RouteShape,
  request: RawRequest,
  handler: (input: RouteInput<unknown, unknown, unknown>) => Effect.Effect<RouteResult, E, R>,
) =>
  Effect.gen(function* () {
    if (route.auth !== "none" && !hasBearerToken(request.info.header)) {
      return yield* new MissingBearerToken()
    }
    const json = route.body === undefined ? undefined : yield* readJsonBody(request)
    const input = yield* decodeRequest(route, request, json)
    return yield* encodeResult(route, yield* handler({ ...input, request: request.info }))
  })
