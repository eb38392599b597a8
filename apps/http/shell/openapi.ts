import type { Schema } from "effect"
import { jsonSchemas } from "./json-schema.js"
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from "./openapi-document.js"
import { type ProblemKind, problemCatalogue, problemsOfRoute } from "./openapi-problems.js"
import { Problem, type ProblemTable, problemTypeUri } from "./problem.js"
import { rateLimitPolicyField } from "./rate-limit-fields.js"
import {
  type HeaderSpecs,
  isJsonResponse,
  isMediaResponse,
  type ResponseSpec,
  type RouteShape,
} from "./route-types.js"

/** `/v1/things/:id{[0-9]+}` → `/v1/things/{id}` */
export const openApiPath = (honoPath: string): string =>
  honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, "{$1}")

const operationId = (method: string, honoPath: string): string =>
  method.toLowerCase() +
  openApiPath(honoPath)
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/^\{(.+)\}$/, "by-$1"))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("")

const stringSchema = { type: "string" } as const

const headersOf = (specs: HeaderSpecs): NonNullable<OpenApiResponse["headers"]> =>
  Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { description: spec.description, schema: (spec.schema ?? stringSchema) as JsonSchema },
    ]),
  )

const headerParameters = (specs: HeaderSpecs): ReadonlyArray<OpenApiParameter> =>
  Object.entries(specs).map(([name, spec]) => ({
    name,
    in: "header",
    required: spec.required ?? false,
    description: spec.description,
    schema: (spec.schema ?? stringSchema) as JsonSchema,
  }))

/** What the shell sends on answers whichever route gives them. */
const standardHeaders = (
  status: number,
  kinds: ReadonlyArray<ProblemKind>,
): NonNullable<OpenApiResponse["headers"]> => ({
  "x-request-id": {
    description: "The request's id (the caller's `x-request-id` if it sent a sane one): quote it to support",
    schema: stringSchema,
  },
  ...(status === 429 || status === 503
    ? {
        "Retry-After": {
          description: "Seconds to wait before trying again",
          schema: { type: "integer", minimum: 1 },
        },
      }
    : {}),
  ...(kinds.some((kind) => kind.status === 401 && kind.slug === "unauthorized")
    ? { "WWW-Authenticate": { description: "`Bearer`: the token to send", schema: stringSchema } }
    : {}),
})

/** What a throttled route sends on every answer, and on a refusal (draft-ietf-httpapi-ratelimit-headers). */
const rateLimitHeaders = (route: RouteShape, status: number): NonNullable<OpenApiResponse["headers"]> => {
  const [first] = route.rateLimits
  if (first === undefined) return {}
  const policies = rateLimitPolicyField(route.rateLimits)
  return {
    "RateLimit-Policy": {
      description:
        `The throttles of this operation, each \`"name";q=…;w=…\`: \`q\` requests let through one after ` +
        "another within `w` seconds before one is refused (see the API guide for what each counts)",
      schema: stringSchema,
      example: policies,
    },
    ...(status === 429
      ? {
          RateLimit: {
            description:
              "The policy that refused, with `r=0` (nothing left) and `t`: the seconds until it lets a request through, as `Retry-After`",
            schema: stringSchema,
            example: `"${first.name}";r=0;t=30`,
          },
        }
      : {}),
  }
}

export const buildOpenApiDocument = (
  routes: ReadonlyArray<RouteShape>,
  problems: ProblemTable,
  info: { readonly title: string; readonly version: string },
): OpenApiDocument => {
  const { schemaOf, components } = jsonSchemas()
  const problemSchema = schemaOf(Problem)

  // The kinds an answer may carry narrow `type`, so a client (and the HTTP tests) can rely on them.
  const problemContent = (path: string, kinds: ReadonlyArray<ProblemKind>) => {
    const first = kinds[0]
    if (first === undefined) return { "application/problem+json": { schema: problemSchema } }
    const types = kinds.map((kind) => problemTypeUri(kind.slug))
    const schema = { allOf: [problemSchema, { type: "object", properties: { type: { enum: types } } }] }
    return {
      "application/problem+json": {
        // Effect's JSON Schema types have no `allOf`; OpenAPI 3.1 has.
        schema: schema as unknown as JsonSchema,
        example: {
          type: problemTypeUri(first.slug),
          title: first.title,
          status: first.status,
          instance: path,
          requestId: "01J9Z3K8V6Q2W4E5R7T9Y1U3I5",
        },
      },
    }
  }

  const parameters = (location: "path" | "query", schema: Schema.Schema.AnyNoContext | undefined) => {
    if (schema === undefined) return []
    const object = schemaOf(schema, true)
    if (!("properties" in object)) return []
    return Object.entries(object.properties).map(
      ([name, property]): OpenApiParameter => ({
        name,
        in: location,
        required: location === "path" || object.required.includes(name),
        ...(property.description === undefined ? {} : { description: property.description }),
        schema: property,
      }),
    )
  }

  const contentOf = (spec: ResponseSpec): OpenApiResponse["content"] => {
    if (isJsonResponse(spec)) {
      const example = spec.example === undefined ? {} : { example: spec.example }
      return { "application/json": { schema: schemaOf(spec.schema), ...example } }
    }
    if (isMediaResponse(spec)) return { [spec.mediaType]: {} }
    return undefined
  }

  const responses = (route: RouteShape): Record<string, OpenApiResponse> => {
    const path = openApiPath(route.path)
    const problemsByStatus = problemsOfRoute(route, problems)
    const statuses = new Set([...Object.keys(route.responses).map(Number), ...problemsByStatus.keys()])
    const documented: Record<string, OpenApiResponse> = {}
    for (const status of [...statuses].sort((a, b) => a - b)) {
      const spec: ResponseSpec | undefined = route.responses[status]
      const kinds = problemsByStatus.get(status) ?? []
      const content = spec === undefined ? undefined : contentOf(spec)
      const isProblem = status >= 400 && content === undefined
      const headers = {
        ...standardHeaders(status, kinds),
        ...rateLimitHeaders(route, status),
        ...headersOf(spec?.headers ?? {}),
      }
      documented[String(status)] = {
        description: spec?.description ?? kinds.map((kind) => kind.title).join("; "),
        headers,
        ...(isProblem ? { content: problemContent(path, kinds) } : content === undefined ? {} : { content }),
        ...(kinds.length === 0 ? {} : { "x-problem-types": kinds.map((kind) => problemTypeUri(kind.slug)) }),
      }
    }
    return documented
  }

  const paths: Record<string, Record<string, OpenApiOperation>> = {}
  for (const route of routes) {
    const path = openApiPath(route.path)
    const operations = paths[path] ?? {}
    paths[path] = operations
    const parameterList = [
      ...parameters("path", route.params),
      ...parameters("query", route.query),
      ...headerParameters(route.headers),
    ]
    operations[route.method.toLowerCase()] = {
      operationId: operationId(route.method, route.path),
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      ...(route.tags.length === 0 ? {} : { tags: route.tags }),
      ...(parameterList.length === 0 ? {} : { parameters: parameterList }),
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: schemaOf(route.body),
                  ...(route.bodyExample === undefined ? {} : { example: route.bodyExample }),
                },
              },
            },
          }),
      responses: responses(route),
      ...(route.auth === "none"
        ? {}
        : { security: [{ [route.auth === "app" ? "appBearer" : "bearer"]: [] }] }),
    }
  }
  return {
    openapi: "3.1.0",
    info,
    "x-problem-types": problemCatalogue(routes, problems).map(({ type, status, title }) => ({
      type,
      status,
      title,
    })),
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A session token" },
        appBearer: {
          type: "http",
          scheme: "bearer",
          description: "An app session's access token (POST /v1/app-sessions, POST /v1/app-sessions/refresh)",
        },
      },
    },
  }
}
