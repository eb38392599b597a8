import type { Effect, Schema } from "effect"
import { handleRequest } from "./handle-request.js"

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

type AnySchema = Schema.Schema.AnyNoContext
type Decoded<S> = S extends AnySchema ? Schema.Schema.Type<S> : undefined

export interface RequestInfo {
  readonly id: string
  readonly ip: string | undefined
  /**
   * A request header, case-insensitively. (Not the raw `Headers`: on Node, building the fetch
   * Request behind them cost a trivial route a third of its throughput.)
   */
  readonly header: (name: string) => string | undefined
}

export interface RouteInput<P, Q, B> {
  readonly params: P
  readonly query: Q
  readonly body: B
  readonly request: RequestInfo
}

/**
 * `body` is the decoded value; it is encoded with the schema declared for `status`, if any.
 * `encoded` is a body already encoded (a kept JSON response, an image), sent as it is instead, with
 * the route's `content-type` header (JSON when it sets none).
 */
export interface RouteResult {
  readonly status: number
  readonly body?: unknown
  readonly encoded?: string | Uint8Array
  readonly headers?: Readonly<Record<string, string>>
}

export interface ResponseSpec {
  readonly description: string
  readonly schema?: AnySchema
}

export interface RouteSpec<PS, QS, BS, E, R> {
  readonly method: HttpMethod
  /** Hono style: `/v1/things/:id`. */
  readonly path: string
  readonly summary: string
  readonly description?: string
  readonly tags?: ReadonlyArray<string>
  readonly params?: PS
  readonly query?: QS
  readonly body?: BS
  readonly responses: Readonly<Record<number, ResponseSpec>>
  /** Defaults to "bearer", so that forgetting the field never publishes an open endpoint. */
  readonly auth?: "bearer" | "none"
  readonly handler: (
    input: RouteInput<Decoded<PS>, Decoded<QS>, Decoded<BS>>,
  ) => Effect.Effect<RouteResult, E, R>
}

/** What the shell hands a route: the raw request, already read by the web framework. */
export interface RawRequest {
  readonly params: Readonly<Record<string, string>>
  readonly query: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  readonly readText: () => Promise<string>
  readonly info: RequestInfo
}

export interface EncodedResponse {
  readonly status: number
  readonly body: unknown
  readonly encoded?: string | Uint8Array
  readonly headers: Readonly<Record<string, string>>
}

/** A route with its types erased, so routes needing different services share one list. */
export interface Route<R> {
  readonly method: HttpMethod
  readonly path: string
  readonly summary: string
  readonly description: string | undefined
  readonly tags: ReadonlyArray<string>
  readonly auth: "bearer" | "none"
  readonly params: AnySchema | undefined
  readonly query: AnySchema | undefined
  readonly body: AnySchema | undefined
  readonly responses: Readonly<Record<number, ResponseSpec>>
  /** Fails with the handler's errors or the shell's request errors; both are mapped to problems by `_tag`. */
  readonly handle: (request: RawRequest) => Effect.Effect<EncodedResponse, unknown, R>
}

export const defineRoute = <
  E,
  R,
  PS extends AnySchema | undefined = undefined,
  QS extends AnySchema | undefined = undefined,
  BS extends AnySchema | undefined = undefined,
>(
  spec: RouteSpec<PS, QS, BS, E, R>,
): Route<R> => {
  const route = {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags ?? [],
    auth: spec.auth ?? "bearer",
    params: spec.params,
    query: spec.query,
    body: spec.body,
    responses: spec.responses,
  }
  return {
    ...route,
    handle: (request) =>
      handleRequest(route, request, (input) =>
        spec.handler(input as RouteInput<Decoded<PS>, Decoded<QS>, Decoded<BS>>),
      ),
  }
}
