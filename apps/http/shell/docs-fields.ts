import type { JsonSchema } from "./openapi-document.js"

// A body's fields as a table: name, type, whether required, the checks, the description. Nested
// objects are listed under their parent (`user.email`); named schemas are followed by `$ref`.

type Schemas = Readonly<Record<string, JsonSchema>>
type Node = Readonly<Record<string, unknown>>

export interface FieldRow {
  readonly name: string
  readonly type: string
  readonly required: boolean
  readonly rules: string
  readonly description: string
}

const resolve = (node: Node, schemas: Schemas, seen: ReadonlySet<string>): Node => {
  const ref = node.$ref
  if (typeof ref !== "string") return node
  const name = ref.replace("#/components/schemas/", "")
  if (seen.has(name)) return {}
  const target = schemas[name] as Node | undefined
  // A `$ref` with siblings (constraints on a named base such as Int) keeps them.
  const { $ref: _, ...siblings } = node
  return target === undefined
    ? siblings
    : { ...resolve(target, schemas, new Set([...seen, name])), ...siblings }
}

const typeOf = (node: Node): string => {
  if (Array.isArray(node.enum)) return node.enum.map((value) => JSON.stringify(value)).join(" | ")
  if ("const" in node) return JSON.stringify(node.const)
  if (Array.isArray(node.anyOf)) return (node.anyOf as Array<Node>).map(typeOf).join(" | ")
  if (node.type === "array") return `array of ${typeOf((node.items as Node | undefined) ?? {})}`
  return typeof node.type === "string" ? node.type : "any"
}

const rulesOf = (node: Node): string =>
  [
    node.minLength === undefined ? undefined : `min length ${node.minLength}`,
    node.maxLength === undefined ? undefined : `max length ${node.maxLength}`,
    node.pattern === undefined ? undefined : `pattern ${node.pattern}`,
    node.format === undefined ? undefined : `format ${node.format}`,
    node.minimum === undefined ? undefined : `≥ ${node.minimum}`,
    node.exclusiveMinimum === undefined ? undefined : `> ${node.exclusiveMinimum}`,
    node.maximum === undefined ? undefined : `≤ ${node.maximum}`,
    node.minItems === undefined ? undefined : `at least ${node.minItems} items`,
    node.maxItems === undefined ? undefined : `at most ${node.maxItems} items`,
  ]
    .filter((rule) => rule !== undefined)
    .join("; ")

const rowsOf = (
  schema: Node,
  schemas: Schemas,
  prefix: string,
  seen: ReadonlySet<string>,
): ReadonlyArray<FieldRow> => {
  const node = resolve(schema, schemas, seen)
  const properties = node.properties as Readonly<Record<string, Node>> | undefined
  if (properties === undefined) return []
  const required = new Set((node.required as ReadonlyArray<string> | undefined) ?? [])
  return Object.entries(properties).flatMap(([name, property]) => {
    const field = resolve(property, schemas, seen)
    const row: FieldRow = {
      name: prefix + name,
      type: typeOf(field),
      required: required.has(name),
      rules: rulesOf(field),
      description: typeof field.description === "string" ? field.description : "",
    }
    const items =
      field.type === "array" ? resolve((field.items as Node | undefined) ?? {}, schemas, seen) : field
    return [row, ...rowsOf(items, schemas, `${prefix}${name}${items === field ? "" : "[]"}.`, seen)]
  })
}

/** Every field of an object schema, depth first; an empty list for anything else. */
export const fieldRows = (schema: JsonSchema, schemas: Schemas): ReadonlyArray<FieldRow> =>
  rowsOf(schema as unknown as Node, schemas, "", new Set())
