import { fieldRows } from "./docs-fields.js"
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

const fieldsTable = (schema: JsonSchema, schemas: Schemas): string => {
  const rows = fieldRows(schema, schemas)
  return rows.length === 0
    ? ""
    : `<table class="fields"><tr><th>Field</th><th>Type</th><th>Required</th><th>Rules</th><th>Description</th></tr>${rows
        .map(
          (row) =>
            `<tr><td><code>${escapeHtml(row.name)}</code></td><td>${escapeHtml(row.type)}</td>` +
            `<td>${row.required ? "yes" : "no"}</td><td>${escapeHtml(row.rules)}</td><td>${escapeHtml(row.description)}</td></tr>`,
        )
        .join("")}</table>`
}

// A binary body (an image) has no schema; its fields come first, the schema folded, then an example.
const mediaBlock = (media: Media, schemas: Schemas): string =>
  (media.schema === undefined
    ? ""
    : `${fieldsTable(media.schema, schemas)}<details><summary>JSON Schema</summary>${schemaBlock(media.schema, schemas)}</details>`) +
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
              : `<p><code>${escapeHtml(type)}</code></p>${mediaBlock(media, schemas)}`,
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
  `<p class="meta">${authenticationOf(operation)}` +
  (operation.tags === undefined ? "" : ` · ${operation.tags.map(escapeHtml).join(", ")}`) +
  `</p>${parametersTable(operation, schemas)}${requestBody(operation, schemas)}${responses(operation, schemas)}</section>`

const authenticationOf = (operation: OpenApiOperation) => {
  if (operation.security === undefined) return "No authentication"
  return operation.security.some((scheme) => "appBearer" in scheme)
    ? "App access token required"
    : "Bearer token required"
}

const style = `
body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem 2rem;color:#1b1f24}
section{border-top:1px solid #d0d7de;padding:.5rem 0 1rem}
.method{display:inline-block;min-width:4.5rem;font-weight:700;color:#0550ae}
.meta{color:#57606a;font-size:.9em}
pre{background:#f6f8fa;padding:.5rem .75rem;overflow:auto;font-size:.85em;margin:.25rem 0}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
dt{font-weight:700}nav li{font-family:ui-monospace,monospace;font-size:.9em}`

const authentication = `<section id="authentication"><h2>Authentication</h2>
<p>Operations marked <em>Bearer token required</em> need a session token. Log in with
<code>POST /v1/sessions</code> and the body <code>{"loginId": "…", "password": "…"}</code>: a 201 answer
carries <code>token</code>; send it on every call as <code>Authorization: Bearer &lt;token&gt;</code>.
If the account has two-factor authentication on, the login answers 200 with a <code>challenge</code>:
answer it at <code>POST /v1/sessions/challenges/{id}/…</code> to get the token. A session ends after a
period of inactivity or a fixed lifetime, or with <code>DELETE /v1/sessions/current</code>; a 401
<code>unauthorized</code> (with <code>WWW-Authenticate: Bearer</code>) means: log in again.</p>
<p>Operations marked <em>App access token required</em> are for a mobile app or browser extension. It
signs in for one product and device with <code>POST /v1/app-sessions</code> (the same login ID, password
and challenge) and gets a short-lived <code>accessToken</code> and a <code>refreshToken</code>; before the
access token expires it trades the refresh token at <code>POST /v1/app-sessions/refresh</code> for a new
pair. A refresh token works once: presenting a used one again ends the session.</p>
<pre>curl -X POST /v1/sessions -H 'content-type: application/json' -d '{"loginId":"…","password":"…"}'
curl /v1/licenses -H 'authorization: Bearer &lt;token&gt;'</pre></section>`

const problemTypes = (document: OpenApiDocument): string =>
  `<section id="problem-types"><h2>Problem types</h2><p>Every error is <code>application/problem+json</code>
(RFC 9457); match on <code>type</code>. Each operation lists the types each of its answers may carry.</p>
<table><tr><th>Status</th><th>Type</th><th>Title</th></tr>${document["x-problem-types"]
    .map(
      (kind) =>
        `<tr><td>${kind.status}</td><td><code>${escapeHtml(kind.type)}</code></td><td>${escapeHtml(kind.title)}</td></tr>`,
    )
    .join("")}</table></section>`

/** The whole reference, rendered from the OpenAPI document: no scripts, no external assets. */
export const renderDocsPage = (
  document: OpenApiDocument,
  options: { readonly styleNonce: string },
): string => {
  const schemas = document.components.schemas
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  )
  // Grouped by their first tag, in the order the document first names each.
  const groups = new Map<string, Array<(typeof operations)[number]>>()
  for (const entry of operations) {
    const tag = entry.operation.tags?.[0] ?? "other"
    groups.set(tag, [...(groups.get(tag) ?? []), entry])
  }
  const title = escapeHtml(`${document.info.title} ${document.info.version}`)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · API reference</title><style nonce="${escapeHtml(options.styleNonce)}">${style}</style></head>
<body><h1>${title}</h1><p>OpenAPI ${document.openapi} · <a href="/openapi.json">openapi.json</a>.
Errors are <code>application/problem+json</code> (RFC 9457); every response carries <code>x-request-id</code>.</p>
<nav><h2>Contents</h2><ul><li><a href="#authentication">Authentication</a></li><li><a href="#problem-types">Problem types</a></li></ul>${[
    ...groups,
  ]
    .map(
      ([tag, entries]) =>
        `<h3><a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a></h3><ul>${entries
          .map(
            ({ path, method, operation }) =>
              `<li><a href="#${escapeHtml(operation.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`,
          )
          .join("")}</ul>`,
    )
    .join("")}</nav>
<main>${authentication}${problemTypes(document)}${[...groups]
    .map(
      ([tag, entries]) =>
        `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${entries.map(({ path, method, operation }) => operationSection(path, method, operation, schemas)).join("")}`,
    )
    .join("")}
<h2>Schemas</h2>${Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section id="${anchor(name)}"><h3>${escapeHtml(name)}</h3>${jsonBlock(schema)}</section>`,
    )
    .join("")}</main></body></html>`
}
