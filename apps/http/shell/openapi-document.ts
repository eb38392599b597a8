import type { JSONSchema } from "effect"

// The parts of an OpenAPI 3.1 document that `buildOpenApiDocument` emits and the docs page reads.

export type JsonSchema = JSONSchema.JsonSchema7

export interface OpenApiParameter {
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly required: boolean
  readonly description?: string
  readonly schema: JsonSchema
}

export interface OpenApiResponse {
  readonly description: string
  readonly headers?: Readonly<
    Record<string, { readonly description: string; readonly schema: JsonSchema; readonly example?: string }>
  >
  /** A binary body (an image) has no schema. */
  readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema; readonly example?: unknown }>>
  /** The problem `type`s this answer may carry (also the `enum` of its schema's `type`). */
  readonly "x-problem-types"?: ReadonlyArray<string>
}

export interface OpenApiOperation {
  readonly operationId: string
  readonly summary: string
  readonly description?: string
  readonly tags?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<OpenApiParameter>
  readonly requestBody?: {
    readonly required: true
    readonly content: Record<string, { readonly schema: JsonSchema; readonly example?: unknown }>
  }
  readonly responses: Readonly<Record<string, OpenApiResponse>>
  readonly security?: ReadonlyArray<Record<string, ReadonlyArray<string>>>
}

export interface OpenApiDocument {
  readonly openapi: "3.1.0"
  readonly info: { readonly title: string; readonly version: string }
  /** Every problem `type` the API answers, with its status and title. */
  readonly "x-problem-types": ReadonlyArray<{
    readonly type: string
    readonly status: number
    readonly title: string
  }>
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>
    readonly securitySchemes: Readonly<Record<string, unknown>>
  }
}
