import type { Schema } from "effect"
import type { QuotaPolicy } from "../../../application/platform/throttle.js"

// The shapes a route and the shell exchange. Types only, imported by `route.ts`, `handle-request.ts`
// and `decode-request.ts`, so none of those needs another's types.

export type AnySchema = Schema.Schema.AnyNoContext

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

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
 * `body` is the decoded value; it is encoded with the schema declared for `status`. `encoded` is a
 * body already encoded (a kept JSON response, an image), sent as it is instead.
 */
export interface RouteResult {
  readonly status: number
  readonly body?: unknown
  readonly encoded?: string | Uint8Array
  readonly headers?: Readonly<Record<string, string>>
}

// == responses

/** A header a route reads or sends, as `/openapi.json` publishes it. */
export interface HeaderSpec {
  readonly description: string
  /** Defaults to `{ type: "string" }`. */
  readonly schema?: Readonly<Record<string, unknown>>
  /** Request headers only: whether a client must send it (defaults to false). */
  readonly required?: boolean
}

/** Keyed by the header's name as clients write it (`Idempotency-Key`, `ETag`). */
export type HeaderSpecs = Readonly<Record<string, HeaderSpec>>

interface ResponseHeaders {
  /** Headers this answer sends besides the ones every answer sends (`x-request-id`). */
  readonly headers?: HeaderSpecs
}

/** A JSON body: encoded by `schema`, which `/openapi.json` publishes with the example. */
export interface JsonResponse extends ResponseHeaders {
  readonly description: string
  readonly schema: AnySchema
  readonly example?: unknown
}

/** A body in another media type (an image), sent as the handler encoded it. */
export interface MediaResponse extends ResponseHeaders {
  readonly description: string
  readonly mediaType: string
}

/** No body (204), or a failure answered as problem+json. */
export interface BodilessResponse extends ResponseHeaders {
  readonly description: string
  readonly schema?: never
  readonly mediaType?: never
}

export type ResponseSpec = JsonResponse | MediaResponse | BodilessResponse

/** The 2xx statuses that carry a body: each must say what it is, so every answer is published. */
type BodyStatus = 200 | 201 | 202 | 203 | 206

export type Responses = { readonly [status: number]: ResponseSpec } & {
  readonly [S in BodyStatus]?: JsonResponse | MediaResponse
}

export const isJsonResponse = (spec: ResponseSpec): spec is JsonResponse =>
  "schema" in spec && spec.schema !== undefined

export const isMediaResponse = (spec: ResponseSpec): spec is MediaResponse =>
  "mediaType" in spec && spec.mediaType !== undefined

// == what the shell hands a route, and gets back

/** The raw request, already read by the web framework. */
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

/** What the shell and `/openapi.json` know of a route, besides running it. */
export interface RouteShape {
  readonly method: HttpMethod
  readonly path: string
  readonly summary: string
  readonly description: string | undefined
  readonly tags: ReadonlyArray<string>
  /** `bearer`: a portal session token; `app`: an app session's access token; `none`: open. */
  readonly auth: "bearer" | "app" | "none"
  readonly params: AnySchema | undefined
  readonly query: AnySchema | undefined
  readonly body: AnySchema | undefined
  /** A request body as a client sends it, published beside the body's schema. */
  readonly bodyExample: unknown
  readonly responses: Responses
  /** The `_tag`s of every failure the handler can end with: `/openapi.json` lists their problems. */
  readonly failures: ReadonlyArray<string>
  /** Request headers the route reads (`Idempotency-Key`, `If-Match`). */
  readonly headers: HeaderSpecs
  /** Path parameters that are secrets, replaced in logs and problem bodies. */
  readonly secretParams: ReadonlyArray<string>
  /** The throttles the route applies, advertised on every answer (`RateLimit-Policy`); none for most. */
  readonly rateLimits: ReadonlyArray<QuotaPolicy>
  /** A larger request body than the app's limit, for the few routes that carry many items. */
  readonly bodyLimitBytes: number | undefined
}
