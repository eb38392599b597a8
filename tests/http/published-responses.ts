import { Ajv2020 } from "ajv/dist/2020.js"
import formats from "ajv-formats"
import type { Hono } from "hono"
import type { OpenApiDocument } from "../../apps/http/shell/openapi-document.js"

// Every response an HTTP test sees is checked against what `/openapi.json` publishes for it.

const documentId = "https://portcullis.test/openapi.json"

/** The shell's own pages, which the document does not list. */
const unlisted = new Set(["/openapi.json", "/docs"])

const isApiPath = (path: string) => path === "/healthz" || path === "/v1" || path.startsWith("/v1/")

const pointerTo = (...segments: ReadonlyArray<string>) =>
  `${documentId}#/${segments.map((s) => s.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`

/**
 * Headers a client acts on: one sent on an answer whose document does not name it fails the test
 * (`x-request-id`, on every answer, is checked too).
 */
const contractHeaders = [
  "x-request-id",
  "location",
  "etag",
  "retry-after",
  "www-authenticate",
  "ratelimit",
  "ratelimit-policy",
]

// `"name";q=5;w=60, "other";q=1;w=1` → names; the fields are structured-field lists of strings.
const policyNames = (field: string | null) =>
  (field ?? "")
    .split(",")
    .map((item) => /^\s*"([^"]*)"/.exec(item)?.[1])
    .filter((name) => name !== undefined)

/**
 * The RateLimit fields agree with each other and with `Retry-After`: a refusal (429) names in
 * `RateLimit` one policy that `RateLimit-Policy` lists, with nothing left (`r=0`) for as long as
 * `Retry-After` says; no other answer sends `RateLimit`.
 */
export const rateLimitMismatch = (status: number, headers: Headers): string | undefined => {
  const refusal = headers.get("ratelimit")
  if (status !== 429) return refusal === null ? undefined : "RateLimit on an answer that is not a refusal"
  const match = refusal === null ? null : /^"([a-z0-9-]+)";r=0;t=(\d+)$/.exec(refusal)
  if (match === null) return `a 429 whose RateLimit is ${refusal ?? "missing"}, not "policy";r=0;t=seconds`
  if (!policyNames(headers.get("ratelimit-policy")).includes(match[1]!)) {
    return `RateLimit names ${match[1]}, which RateLimit-Policy (${headers.get("ratelimit-policy")}) does not list`
  }
  if (match[2] !== headers.get("retry-after")) return `RateLimit's t=${match[2]} is not Retry-After`
  return undefined
}

const templatePattern = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`)

/** Validates response bodies with ajv against the document's response schemas, `$ref`s resolved. */
export const publishedResponses = (document: OpenApiDocument) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  // A CommonJS module: its export is the plugin, which also carries itself as `default`.
  formats.default(ajv)
  ajv.addSchema(document as object, documentId)
  // Literal paths before templates, as the router matches them (`/v1/sessions/current`).
  const templates = Object.keys(document.paths)
    .sort((a, b) => a.split("{").length - b.split("{").length)
    .map((template) => ({ template, pattern: templatePattern(template) }))

  const schemaAt = (...segments: ReadonlyArray<string>) => {
    const ref = pointerTo(...segments)
    return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
  }

  /** Why the response is not what the document says, or undefined when it is. */
  const mismatch = (
    method: string,
    path: string,
    status: number,
    type: string,
    text: string | undefined,
    headers: ReadonlyArray<string> = [],
  ): string | undefined => {
    const success = status >= 200 && status < 300
    // HEAD is GET without the body (RFC 9110 §9.3.2): published as the GET, and answered empty.
    if (method === "HEAD") {
      if (text !== "") return "a body in an answer to HEAD"
      return mismatch("GET", path, status, type, undefined, headers)
    }
    const template = templates.find((t) => t.pattern.test(path))?.template
    const operation = template === undefined ? undefined : document.paths[template]?.[method.toLowerCase()]
    // No route, or not this method: the shell's 404 and 405, which no operation can list.
    if (operation === undefined) return success ? "the operation is not in the document" : undefined
    const published = operation.responses[String(status)]
    if (published === undefined) return `status ${status} is not documented`
    const named = new Set(Object.keys(published.headers ?? {}).map((name) => name.toLowerCase()))
    const unnamed = headers.filter((name) => contractHeaders.includes(name) && !named.has(name))
    if (unnamed.length > 0) return `the header(s) ${unnamed.join(", ")} are not documented`
    if (published.content === undefined) return text ? "a body where none is documented" : undefined
    const mediaType = type.split(";")[0]?.trim() ?? ""
    const media = published.content[mediaType]
    if (media === undefined) return `${mediaType || "no content type"} is not documented`
    if (media.schema === undefined || text === undefined) return undefined
    const validate = schemaAt(
      "paths",
      template!,
      method.toLowerCase(),
      "responses",
      String(status),
      "content",
      mediaType,
      "schema",
    )
    if (validate(JSON.parse(text))) return undefined
    return ajv.errorsText(validate.errors)
  }

  const exampleMismatch = (at: string, example: unknown, ...pointer: ReadonlyArray<string>) => {
    if (example === undefined) return []
    const validate = schemaAt(...pointer, "schema")
    return validate(example) ? [] : [`${at}: ${ajv.errorsText(validate.errors)}`]
  }

  /** Every example the document gives, of a request or a response, against the schema beside it. */
  const exampleMismatches = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const at = ["paths", path, method]
        const requests = Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, media]) =>
          exampleMismatch(`${method} ${path} request`, media.example, ...at, "requestBody", "content", type),
        )
        const responses = Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).flatMap(([type, media]) =>
            exampleMismatch(
              `${method} ${path} ${status}`,
              media.example,
              ...at,
              "responses",
              status,
              "content",
              type,
            ),
          ),
        )
        return [...requests, ...responses]
      }),
    )

  return { mismatch, exampleMismatches }
}

type Requester = Pick<Hono, "request">

/**
 * The app, whose `request` checks every answer against the document it publishes and throws
 * (failing the test) on a body the document does not describe, or a status it does not list (a
 * problem's `type` included: each answer's schema lists the types it may carry).
 */
export const checkingResponses = <App extends Requester>(app: App, document: OpenApiDocument): App => {
  const checker = publishedResponses(document)
  const request: Requester["request"] = async (input, init, ...rest) => {
    const response = await app.request(input, init, ...rest)
    const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost")
    // The portal's pages are HTML for browsers, not operations of the API.
    if (unlisted.has(url.pathname) || !isApiPath(url.pathname)) return response
    const method = init?.method ?? (input instanceof Request ? input.method : "GET")
    // A CORS preflight is answered by the shell for every path, not by an operation.
    if (method === "OPTIONS") return response
    const type = response.headers.get("content-type") ?? ""
    const text = type.startsWith("image/") ? "" : await response.clone().text()
    const headers = [...response.headers.keys()].map((name) => name.toLowerCase())
    const problem =
      checker.mismatch(method, url.pathname, response.status, type, text, headers) ??
      rateLimitMismatch(response.status, response.headers)
    if (problem !== undefined) {
      throw new Error(`${method} ${url.pathname} → ${response.status} is not as published: ${problem}`)
    }
    return response
  }
  return new Proxy(app, { get: (target, key) => (key === "request" ? request : Reflect.get(target, key)) })
}
