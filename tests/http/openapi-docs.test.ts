import { Effect, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { defineFeature } from "../../apps/http/shell/feature.js"
import { defineRoute } from "../../apps/http/shell/route.js"
import { sampleApp, sampleFeature } from "./sample-app.js"

// biome-ignore lint/suspicious/noExplicitAny: the test walks a parsed document by known paths
type Json = Record<string, any>

describe("/openapi.json", async () => {
  const { app } = sampleApp()
  const document = (await (await app.request("/openapi.json")).json()) as Json

  it("is an OpenAPI 3.1 document with the app's info and every route", () => {
    expect(document.openapi).toBe("3.1.0")
    expect(document.info).toEqual({ title: "Sample", version: "1.2.3" })
    expect(Object.keys(document.paths).sort()).toEqual([
      "/healthz",
      "/v1/private",
      "/v1/things",
      "/v1/things/{id}",
    ])
  })

  it("documents the request body from the schema that decodes it", () => {
    const post = document.paths["/v1/things"].post
    expect(post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/CreateThing",
    })
    const createThing = document.components.schemas.CreateThing
    expect(createThing.required.sort()).toEqual(["email", "name", "quantity", "tags"])
    expect(createThing.properties.quantity).toMatchObject({
      $ref: "#/components/schemas/Int",
      exclusiveMinimum: 0,
    })
    expect(document.components.schemas.Int.type).toBe("integer")
    expect(post.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Thing",
    })
  })

  it("turns path and query schemas into parameters", () => {
    const get = document.paths["/v1/things/{id}"].get
    expect(get.parameters).toEqual([
      expect.objectContaining({
        name: "id",
        in: "path",
        required: true,
        schema: expect.objectContaining({ type: "string" }),
      }),
      expect.objectContaining({ name: "verbose", in: "query", required: false }),
    ])
  })

  it("documents problem+json errors with the types each may carry, and Retry-After", () => {
    const problem = { $ref: "#/components/schemas/Problem" }
    const typed = (...slugs: ReadonlyArray<string>) => ({
      allOf: [
        problem,
        {
          type: "object",
          properties: { type: { enum: slugs.map((slug) => `https://portcullis.dev/problems/${slug}`) } },
        },
      ],
    })
    const post = document.paths["/v1/things"].post.responses
    const shell = {
      "400": ["json-too-deep", "malformed-json", "malformed-request"],
      "413": ["payload-too-large"],
      "415": ["unsupported-media-type"],
      "422": ["validation-failed"],
      "500": ["internal-error"],
    }
    for (const [status, slugs] of Object.entries(shell)) {
      expect(post[status].content["application/problem+json"].schema, status).toEqual(typed(...slugs))
      expect(post[status]["x-problem-types"], status).toEqual(
        slugs.map((slug) => `https://portcullis.dev/problems/${slug}`),
      )
    }
    const get = document.paths["/v1/things/{id}"].get.responses
    expect(get["404"].content["application/problem+json"].schema).toEqual(typed("not-found"))
    expect(get["404"].description).toBe("No such thing")
    expect(get["409"].content["application/problem+json"].schema).toEqual(
      typed("conflict", "idempotency-key-reused", "license-expired"),
    )
    expect(get["429"].content["application/problem+json"].schema).toEqual(typed("rate-limited"))
    expect(get["429"].headers["Retry-After"]).toBeDefined()
    // A route that cannot be throttled does not promise a 429.
    expect(post["429"]).toBeUndefined()
    expect(document.components.schemas.Problem.properties.errors).toBeDefined()
  })

  it("documents the headers routes declare, and x-request-id on every answer", () => {
    const post = document.paths["/v1/things"].post
    expect(post.parameters).toEqual([
      {
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "Makes a retry safe",
        schema: { type: "string", maxLength: 64 },
      },
    ])
    expect(post.responses["201"].headers.Location).toEqual({
      description: "The thing's URL",
      schema: { type: "string" },
    })
    for (const operations of Object.values(document.paths) as Array<Json>) {
      for (const operation of Object.values(operations) as Array<Json>) {
        for (const [status, response] of Object.entries(operation.responses) as Array<[string, Json]>) {
          expect(response.headers["x-request-id"], `${operation.operationId} ${status}`).toBeDefined()
        }
      }
    }
    const get = document.paths["/v1/things/{id}"].get.responses
    expect(get["429"].headers["Retry-After"].schema).toEqual({ type: "integer", minimum: 1 })
    expect(document.paths["/v1/private"].get.responses["401"].headers["WWW-Authenticate"]).toBeDefined()
  })

  it("declares the bearer scheme on routes that need it, and only there", () => {
    expect(document.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    )
    expect(document.paths["/v1/private"].get.security).toEqual([{ bearer: [] }])
    expect(document.paths["/v1/private"].get.responses["401"]).toBeDefined()
    expect(document.paths["/v1/things"].post.security).toBeUndefined()
  })
})

describe("/docs", () => {
  const hostile = defineRoute({
    method: "GET",
    path: "/v1/hostile/:id",
    summary: `<script>alert("summary")</script>`,
    auth: "none",
    params: Schema.Struct({ id: Schema.String.annotations({ description: "<img src=x onerror=alert(1)>" }) }),
    responses: { 204: { description: "</pre><script>alert('response')</script>" } },
    failures: {},
    handler: () => Effect.succeed({ status: 204 }),
  })
  const { app } = sampleApp({
    features: [sampleFeature, defineFeature({ name: "hostile", routes: [hostile], problems: {} })],
  })

  it("renders every operation with its summary, parameters and schemas", async () => {
    const response = await app.request("/docs")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toContain("text/html")
    const html = await response.text()
    for (const text of [
      "/v1/things/{id}",
      "/v1/things",
      "/healthz",
      "Create a thing",
      "Read a thing",
      "verbose",
    ]) {
      expect(html).toContain(text)
    }
    expect(html).toContain('id="schema-CreateThing"')
    expect(html).toContain('<a href="#schema-CreateThing">')
  })

  it("groups operations by tag, with field tables, the authentication how-to and the problem types", async () => {
    const html = await (await app.request("/docs")).text()
    expect(html).toContain('<h2 id="tag-things">things</h2>')
    expect(html.indexOf('id="tag-things"')).toBeLessThan(html.indexOf('id="postV1Things"'))
    // CreateThing's fields, each with its type, whether required, and its rules.
    expect(html).toContain(
      "<tr><td><code>quantity</code></td><td>integer</td><td>yes</td><td>&#62; 0</td><td></td></tr>",
    )
    expect(html).toContain("<tr><td><code>tags</code></td><td>array of string</td><td>yes</td>")
    expect(html).toContain('<section id="authentication"><h2>Authentication</h2>')
    expect(html).toContain("Authorization: Bearer &lt;token&gt;")
    expect(html).toContain("<td><code>https://portcullis.dev/problems/rate-limited</code></td>")
    expect(html).toContain("Problem types: <code>https://portcullis.dev/problems/not-found</code>")
  })

  it("escapes everything and loads nothing from elsewhere", async () => {
    const html = await (await app.request("/docs")).text()
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i)
    expect(html).toContain("&#60;script&#62;")
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i)
  })
})
