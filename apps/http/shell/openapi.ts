import type { Schema } from "effect"
import { jsonSchemas } from "./json-schema.js"
import type {
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from "./openapi-document.js"
import { Problem } from "./problem.js"
import { isJsonResponse, isMediaResponse, type ResponseSpec, type RouteShape } from "./route-types.js"

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

const standardProblems = (route: RouteShape): Record<number, string> => ({
  ...(route.body === undefined ? {} : { 400: "The body is not valid JSON." }),
  ...(route.auth === "bearer" ? { 401: "No bearer token, or not a valid one." } : {}),
  ...(route.body === undefined
    ? {}
    : { 413: "The body is too large.", 415: "The body is not application/json." }),
  ...((route.params ?? route.query ?? route.body)
    ? { 422: "Invalid input; `errors` lists every invalid field." }
    : {}),
  500: "Unexpected error; the body carries only the request id to quote to support.",
})

export const buildOpenApiDocument = (
  routes: ReadonlyArray<RouteShape>,
  info: { readonly title: string; readonly version: string },
): OpenApiDocument => {
  const { schemaOf, components } = jsonSchemas()
  const problemContent = { "application/problem+json": { schema: schemaOf(Problem) } }

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

  const contentOf = (spec: ResponseSpec, status: number): OpenApiResponse["content"] => {
    if (isJsonResponse(spec)) {
      const example = spec.example === undefined ? {} : { example: spec.example }
      return { "application/json": { schema: schemaOf(spec.schema), ...example } }
    }
    if (isMediaResponse(spec)) return { [spec.mediaType]: {} }
    return status >= 400 ? problemContent : undefined
  }

  const responses = (route: RouteShape): Record<string, OpenApiResponse> => {
    const documented: Record<string, OpenApiResponse> = {}
    for (const [status, description] of Object.entries(standardProblems(route))) {
      documented[status] = { description, content: problemContent }
    }
    for (const [status, spec] of Object.entries(route.responses)) {
      const content = contentOf(spec, Number(status))
      const retryAfter = {
        "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
      } as const
      documented[status] = {
        description: spec.description,
        ...(content === undefined ? {} : { content }),
        ...(status === "429" ? { headers: retryAfter } : {}),
      }
    }
    return documented
  }

  const paths: Record<string, Record<string, OpenApiOperation>> = {}
  for (const route of routes) {
    const path = openApiPath(route.path)
    const operations = paths[path] ?? {}
    paths[path] = operations
    const parameterList = [...parameters("path", route.params), ...parameters("query", route.query)]
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
      ...(route.auth === "bearer" ? { security: [{ bearer: [] }] } : {}),
    }
  }
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A session token" } },
    },
  }
}
