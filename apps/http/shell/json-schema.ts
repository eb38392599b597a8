import { SchemaAST as AST, JSONSchema, type Schema } from "effect"
import type { JsonSchema } from "./openapi-document.js"

// The JSON Schema of what travels on the wire, from the schemas that decode and encode it.

const isString = (ast: AST.AST): boolean =>
  ast._tag === "StringKeyword" || (ast._tag === "Refinement" && isString(ast.from))

// What a normalising transformation of ours says of itself (a description, examples) is said of the
// wire string; Effect's own (Trim's "a string that will be trimmed", its identifier) are not.
const withWireAnnotations = (ast: AST.Transformation): AST.AST => {
  const description = ast.annotations[AST.DescriptionAnnotationId]
  const examples = ast.annotations[AST.ExamplesAnnotationId]
  if (description === undefined && examples === undefined) return ast.from
  return AST.annotations(ast.from, {
    ...(description === undefined ? {} : { [AST.DescriptionAnnotationId]: description }),
    ...(examples === undefined ? {} : { [AST.ExamplesAnnotationId]: examples }),
  })
}

/**
 * A string normalised on the way in (trimmed, full-width digits made ASCII) is a plain string on
 * the wire. Effect describes such a field by its transformation only ("a string that will be
 * trimmed"), dropping the checks piped after it; this puts those checks (lengths, patterns) on the
 * wire string itself. Every other node is rebuilt around its rewritten parts.
 */
const onTheWire = (ast: AST.AST): AST.AST => {
  switch (ast._tag) {
    case "Transformation":
      if (isString(ast.from) && isString(ast.to)) return withWireAnnotations(ast)
      return new AST.Transformation(onTheWire(ast.from), ast.to, ast.transformation, ast.annotations)
    case "Refinement":
      return new AST.Refinement(onTheWire(ast.from), ast.filter, ast.annotations)
    case "Union":
      return AST.Union.make(ast.types.map(onTheWire), ast.annotations)
    case "TypeLiteral":
      return new AST.TypeLiteral(
        ast.propertySignatures.map(
          (p) =>
            new AST.PropertySignature(p.name, onTheWire(p.type), p.isOptional, p.isReadonly, p.annotations),
        ),
        ast.indexSignatures.map((i) => new AST.IndexSignature(i.parameter, onTheWire(i.type), i.isReadonly)),
        ast.annotations,
      )
    case "TupleType":
      return new AST.TupleType(
        ast.elements.map((e) => new AST.OptionalType(onTheWire(e.type), e.isOptional, e.annotations)),
        ast.rest.map((r) => new AST.Type(onTheWire(r.type), r.annotations)),
        ast.isReadonly,
        ast.annotations,
      )
    default:
      return ast
  }
}

// Effect writes a description and a title for every check it knows ("a string at most 64
// character(s) long", "maxLength(64)", "an integer", "int"). The constraints beside them say the same
// precisely; our own descriptions are sentences, so only the generated wording is dropped.
const isGenerated = (key: string, text: string): boolean =>
  (key === "description" && /^an? [a-z0-9]/.test(text)) ||
  (key === "title" && /^[a-z][A-Za-z]*(\(.*\))?$/.test(text))

const valueKeys = new Set(["example", "examples", "enum", "const", "default"])

const withoutGeneratedDescriptions = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutGeneratedDescriptions)
  if (typeof value !== "object" || value === null) return value
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, member]) => {
      if (typeof member === "string" && isGenerated(key, member)) return []
      // Values, not schemas: an example's own `title` is data.
      if (valueKeys.has(key)) return [[key, member]]
      return [[key, withoutGeneratedDescriptions(member)]]
    }),
  )
}

/**
 * A JSON Schema generator that keeps named schemas in `definitions` (as OpenAPI components). `inline`
 * leaves a named schema at the top in place (path and query parameters are listed one by one).
 */
export const jsonSchemas = () => {
  const definitions: Record<string, JsonSchema> = {}
  const schemaOf = (schema: Schema.Schema.AnyNoContext, inline = false): JsonSchema =>
    withoutGeneratedDescriptions(
      JSONSchema.fromAST(onTheWire(schema.ast), {
        definitions,
        definitionPath: "#/components/schemas/",
        target: "openApi3.1",
        topLevelReferenceStrategy: inline ? "skip" : "keep",
      }),
    ) as JsonSchema
  const components = () => withoutGeneratedDescriptions(definitions) as Record<string, JsonSchema>
  return { schemaOf, components }
}
