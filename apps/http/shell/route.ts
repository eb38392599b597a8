import type { Effect, Schema } from "effect"
import type { QuotaPolicies, QuotaPolicy } from "../../../application/platform/throttle.js"
import { handleRequest } from "./handle-request.js"
import type { RequestError } from "./request-errors.js"
import type {
  AnySchema,
  EncodedResponse,
  HeaderSpecs,
  HttpMethod,
  RawRequest,
  Responses,
  RouteInput,
  RouteResult,
  RouteShape,
} from "./route-types.js"

type Decoded<S> = S extends AnySchema ? Schema.Schema.Type<S> : undefined

/** Every failure a route can answer is tagged: the shell maps failures to problems by `_tag`. */
export interface Tagged {
  readonly _tag: string
}

type TagOf<E> = E extends { readonly _tag: infer T extends string } ? T : never

/**
 * One entry for each tag the handler can fail with, no more and no fewer (the compiler lists the
 * missing ones), so the document lists every problem the route can answer and only those. The entry
 * is `true`, or the policies whose refusal the failure is: `RateLimited` must name them.
 */
export type Failures<E> = {
  readonly [T in TagOf<E>]: T extends "RateLimited" ? QuotaPolicies : true | QuotaPolicies
}

/** Every policy the failures name, each once, by name. */
const policiesOf = (failures: Readonly<Record<string, true | QuotaPolicies>>): ReadonlyArray<QuotaPolicy> => {
  const byName = new Map<string, QuotaPolicy>()
  for (const policy of Object.values(failures).flatMap((entry) => (entry === true ? [] : entry))) {
    const known = byName.get(policy.name)
    if (known && (known.quota !== policy.quota || known.windowSeconds !== policy.windowSeconds)) {
      throw new Error(`two rate-limit policies are named ${policy.name}`)
    }
    byName.set(policy.name, policy)
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
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
  readonly bodyExample?: BS extends AnySchema ? Schema.Schema.Encoded<BS> : never
  readonly responses: Responses
  readonly failures: Failures<NoInfer<E>>
  /** Request headers the route reads, published on the operation (`Idempotency-Key`). */
  readonly headers?: HeaderSpecs
  /** Path parameters that are bearer secrets (a reset token): logs and problems never show them. */
  readonly secretParams?: ReadonlyArray<string>
  /** Bodies up to this size instead of the app's limit (64 KiB by default). */
  readonly bodyLimitBytes?: number
  /** Defaults to "bearer", so that forgetting the field never publishes an open endpoint. */
  readonly auth?: "bearer" | "app" | "none"
  readonly handler: (
    input: RouteInput<Decoded<PS>, Decoded<QS>, Decoded<BS>>,
  ) => Effect.Effect<RouteResult, E, R>
}

/**
 * A route with its input types erased, so routes needing different services share one list. It
 * keeps its failures `E`, so that `defineFeature` can demand a problem mapping for each of them.
 */
export interface Route<E, R> extends RouteShape {
  readonly handle: (request: RawRequest) => Effect.Effect<EncodedResponse, E | RequestError, R>
}

export const defineRoute = <
  E extends Tagged,
  R,
  PS extends AnySchema | undefined = undefined,
  QS extends AnySchema | undefined = undefined,
  BS extends AnySchema | undefined = undefined,
>(
  spec: RouteSpec<PS, QS, BS, E, R>,
): Route<E, R> => {
  const route: RouteShape = {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags ?? [],
    auth: spec.auth ?? "bearer",
    params: spec.params,
    query: spec.query,
    body: spec.body,
    bodyExample: spec.bodyExample,
    responses: spec.responses,
    failures: Object.keys(spec.failures),
    headers: spec.headers ?? {},
    secretParams: spec.secretParams ?? [],
    rateLimits: policiesOf(spec.failures),
    bodyLimitBytes: spec.bodyLimitBytes,
  }
  return {
    ...route,
    handle: (request) =>
      handleRequest(route, request, (input) =>
        spec.handler(input as RouteInput<Decoded<PS>, Decoded<QS>, Decoded<BS>>),
      ),
  }
}
