import type { JsonSchema, OpenApiDocument, OpenApiOperation } from "./openapi-document.js"

// Everything interpolated into the page passes through `escapeHtml`; schema text comes from
// annotations that features write, and a summary could hold markup.
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

type Schemas = Readonly<Record<string, JsonSchema>>

const anchor = (name: string): string => `schema-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`

// After escaping, a `$ref` is still recognisable; it becomes a link to the schema listed below.
const jsonBlock = (value: unknown): string =>
  `<pre>${escapeHtml(JSON.stringify(value, null, 2)).replace(
    /&#34;#\/components\/schemas\/([A-Za-z0-9_.-]+)&#34;/g,
    (_, name: string) => `<a href="#${anchor(name)}">&#34;#/components/schemas/${name}&#34;</a>`,
  )}</pre>`

// A body that is only a reference is shown with the schema it names, so a reader need not scroll.
const schemaBlock = (schema: JsonSchema, schemas: Schemas): string => {
  const name = "$ref" in schema ? schema.$ref.replace("#/components/schemas/", "") : undefined
  const named = name === undefined || Object.keys(schema).length > 1 ? undefined : schemas[name]
  return name === undefined || named === undefined
    ? jsonBlock(schema)
    : `<p>Schema <a href="#${anchor(name)}">${escapeHtml(name)}</a></p>${jsonBlock(named)}`
}

const parametersTable = (operation: OpenApiOperation, schemas: Schemas): string =>
  operation.parameters === undefined
    ? ""
    : `<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Required</th><th>Schema</th></tr>${operation.parameters
        .map(
          (p) =>
            `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? "yes" : "no"}</td>` +
            `<td>${schemaBlock(p.schema, schemas)}</td></tr>`,
        )
        .join("")}</table>`

interface Media {
  readonly schema?: JsonSchema
  readonly example?: unknown
}

// A binary body (an image) has no schema; an example is shown below the schema it fits.
const mediaBlock = (media: Media, schemas: Schemas): string =>
  (media.schema === undefined ? "" : schemaBlock(media.schema, schemas)) +
  (media.example === undefined ? "" : `<p>Example</p>${jsonBlock(media.example)}`)

const requestBody = (operation: OpenApiOperation, schemas: Schemas): string =>
  operation.requestBody === undefined
    ? ""
    : `<h4>Request body</h4>${Object.entries(operation.requestBody.content)
        .map(([type, media]) => `<p><code>${escapeHtml(type)}</code></p>${mediaBlock(media, schemas)}`)
        .join("")}`

const responses = (operation: OpenApiOperation, schemas: Schemas): string =>
  `<h4>Responses</h4><dl>${Object.entries(operation.responses)
    .map(
      ([status, response]) =>
        `<dt>${escapeHtml(status)}</dt><dd><p>${escapeHtml(response.description)}</p>${Object.entries(
          response.content ?? {},
        )
          .map(([type, media]) =>
            // A problem's schema is the one Problem; what tells answers apart is the types they carry.
            type === "application/problem+json"
              ? `<p>Problem types: ${(response["x-problem-types"] ?? []).map((t) => `<code>${escapeHtml(t)}</code>`).join(", ")}</p>`
              : `<details><summary><code>${escapeHtml(type)}</code></summary>${mediaBlock(media, schemas)}</details>`,
          )
          .join("")}</dd>`,
    )
    .join("")}</dl>`

const operationSection = (
  path: string,
  method: string,
  operation: OpenApiOperation,
  schemas: Schemas,
): string =>
  `<section id="${escapeHtml(operation.operationId)}">` +
  `<h3><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>` +
  `<p>${escapeHtml(operation.summary)}</p>` +
  (operation.description === undefined ? "" : `<p>${escapeHtml(operation.description)}</p>`) +
  `<p class="meta">${operation.security === undefined ? "No authentication" : "Bearer token required"}` +
  (operation.tags === undefined ? "" : ` · ${operation.tags.map(escapeHtml).join(", ")}`) +
  `</p>${parametersTable(operation, schemas)}${requestBody(operation, schemas)}${responses(operation, schemas)}</section>`

const style = `
body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem 2rem;color:#1b1f24}
section{border-top:1px solid #d0d7de;padding:.5rem 0 1rem}
.method{display:inline-block;min-width:4.5rem;font-weight:700;color:#0550ae}
.meta{color:#57606a;font-size:.9em}
pre{background:#f6f8fa;padding:.5rem .75rem;overflow:auto;font-size:.85em;margin:.25rem 0}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
dt{font-weight:700}nav li{font-family:ui-monospace,monospace;font-size:.9em}`

/** The whole reference, rendered from the OpenAPI document: no scripts, no external assets. */
export const renderDocsPage = (
  document: OpenApiDocument,
  options: { readonly styleNonce: string },
): string => {
  const schemas = document.components.schemas
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  )
  const title = escapeHtml(`${document.info.title} ${document.info.version}`)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · API reference</title><style nonce="${escapeHtml(options.styleNonce)}">${style}</style></head>
<body><h1>${title}</h1><p>OpenAPI ${document.openapi} · <a href="/openapi.json">openapi.json</a>.
Errors are <code>application/problem+json</code> (RFC 9457); every response carries <code>x-request-id</code>.</p>
<nav><h2>Operations</h2><ul>${operations
    .map(
      ({ path, method, operation }) =>
        `<li><a href="#${escapeHtml(operation.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`,
    )
    .join("")}</ul></nav>
<main><h2>Operations</h2>${operations.map(({ path, method, operation }) => operationSection(path, method, operation, schemas)).join("")}
<h2>Schemas</h2>${Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section id="${anchor(name)}"><h3>${escapeHtml(name)}</h3>${jsonBlock(schema)}</section>`,
    )
    .join("")}</main></body></html>`
}
