import { Effect } from "effect"
import { decodeRequest, encodeResponseBody, readJsonBody } from "./decode-request.js"
import { MissingBearerToken } from "./request-errors.js"
import type { EncodedResponse, RawRequest, RequestInfo, Route, RouteInput, RouteResult } from "./route.js"

type RouteShape = Omit<Route<never>, "handle">

const hasBearerToken = (header: RequestInfo["header"]): boolean =>
  /^Bearer\s+\S+/i.test(header("authorization") ?? "")

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
    if (route.auth === "bearer" && !hasBearerToken(request.info.header)) {
      return yield* new MissingBearerToken()
    }
    const json = route.body === undefined ? undefined : yield* readJsonBody(request)
    const input = yield* decodeRequest(route, request, json)
    const result = yield* handler({ ...input, request: request.info })
    const headers = result.headers ?? {}
    if (result.encoded !== undefined)
      return { status: result.status, body: undefined, encoded: result.encoded, headers }
    const body = yield* encodeResponseBody(route.responses[result.status], result.status, result.body)
    return { status: result.status, body, headers } satisfies EncodedResponse
  })
