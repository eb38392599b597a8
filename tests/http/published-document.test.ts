import { readFileSync } from "node:fs"
import { Validator } from "@seriousme/openapi-schema-validator"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { openApiDocumentOf } from "../../apps/http/app.js"
import { customerFeatures } from "../../apps/http/features.js"
import { renderDocsPage } from "../../apps/http/shell/docs-page.js"
import type { OpenApiDocument } from "../../apps/http/shell/openapi-document.js"
import { publishedResponses, rateLimitMismatch } from "./published-responses.js"
import { sampleFeature } from "./sample-app.js"

// The document is built as the app builds it; no runtime is needed to describe the routes.
const documentOf = (features: Parameters<typeof openApiDocumentOf>[0]["features"]) =>
  openApiDocumentOf({
    runtime: undefined as never,
    features,
    health: Effect.succeed({ ok: true, checks: {} }),
    info: { title: "Portcullis", version: "0.1.0" },
  })

const customer = documentOf(customerFeatures)
const sample = documentOf([sampleFeature])

const successes = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).flatMap(([method, operation]) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith("2"))
        .map(([status, response]) => ({ at: `${method} ${path} ${status}`, status, response })),
    ),
  )

describe("the published document", () => {
  it.each([
    ["customer API", customer],
    ["sample app", sample],
  ])("of the %s is valid OpenAPI 3.1", async (_, document) => {
    const result = await new Validator().validate(
      structuredClone(document) as unknown as Record<string, unknown>,
    )
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
  })

  it("publishes a body for every success but 204, and a JSON schema for every JSON body", () => {
    const all = successes(customer)
    expect(all.length).toBeGreaterThan(25)
    for (const { at, status, response } of all) {
      if (status === "204") {
        expect(response.content, at).toBeUndefined()
        continue
      }
      const [[mediaType, media]] = Object.entries(response.content ?? {}) as [[string, { schema?: unknown }]]
      expect(mediaType, at).toMatch(/^(application\/json|image\/(png|svg\+xml))$/)
      if (mediaType === "application/json") expect(media.schema, at).toBeDefined()
    }
  })

  it("gives examples for the main answers, and every example matches its schema", () => {
    const examples = successes(customer).flatMap(({ at, response }) =>
      response.content?.["application/json"]?.example === undefined ? [] : [at],
    )
    expect(examples).toEqual(
      expect.arrayContaining([
        "post /v1/accounts 201",
        "post /v1/sessions 201",
        "get /v1/licenses 200",
        "get /v1/account 200",
        "get /v1/account/two-factor 200",
      ]),
    )
    const registration = customer.paths["/v1/accounts"]?.post?.requestBody?.content["application/json"]
    expect(registration?.example).toMatchObject({ acceptEula: true, loginId: "ecss_sample" })
    expect(publishedResponses(customer).exampleMismatches()).toEqual([])
    const page = renderDocsPage(customer, { styleNonce: "n" })
    const requestExamples = Object.values(customer.paths).flatMap((item) =>
      Object.values(item ?? {}).flatMap((operation) => {
        const body = (operation as { requestBody?: { content: Record<string, { example?: unknown }> } })
          .requestBody
        return body?.content["application/json"]?.example === undefined ? [] : [operation]
      }),
    )
    // Every example is printed: the answers' and the request bodies' (registrations, sign-in).
    expect(requestExamples.length).toBeGreaterThanOrEqual(3)
    expect(page.match(/<p>Example<\/p>/g)?.length).toBe(examples.length + requestExamples.length)
    // The reference a customer's developer reads: nested request fields, each with its rules.
    expect(page).toContain('<h2 id="tag-licensing">licensing</h2>')
    expect(page).toMatch(
      /<tr><td><code>user\.email<\/code><\/td><td>string<\/td><td>yes<\/td><td>max length 254; pattern/,
    )
    expect(page).toContain("<tr><td><code>purchaseSource.companyName</code></td><td>string</td><td>yes</td>")
    expect(page).toContain("<tr><td><code>licenses[].status</code></td>")
  })

  it("lists every problem type in one table, which docs/api.md shows as the code has it", () => {
    const types = customer["x-problem-types"]
    expect(types.map((t) => `${t.status} ${t.type.replace("https://portcullis.dev/problems/", "")}`)).toEqual(
      expect.arrayContaining([
        "401 code-rejected",
        "409 login-id-taken",
        "429 rate-limited",
        "500 internal-error",
      ]),
    )
    // Every type an operation lists is in the table.
    const listed = new Set(types.map((t) => t.type))
    for (const operations of Object.values(customer.paths)) {
      for (const operation of Object.values(operations)) {
        for (const response of Object.values(operation.responses)) {
          for (const type of response["x-problem-types"] ?? []) expect(listed, type).toContain(type)
        }
      }
    }
    const table = [
      "| status | type (suffix of `https://portcullis.dev/problems/`) | title |",
      "|---|---|---|",
      ...types.map(
        (t) => `| ${t.status} | \`${t.type.replace("https://portcullis.dev/problems/", "")}\` | ${t.title} |`,
      ),
    ].join("\n")
    const guide = readFileSync(new URL("../../docs/api.md", import.meta.url), "utf8")
    const published = /<!-- problem-types -->\n([\s\S]*?)\n<!-- \/problem-types -->/.exec(guide)?.[1]
    expect(published, "docs/api.md: replace the table between <!-- problem-types --> markers").toBe(table)
  })

  it("declares RateLimit-Policy on every answer of the throttled operations, RateLimit on their 429s, and neither elsewhere", () => {
    const throttled = [
      "post /v1/sessions",
      "get /v1/license-keys/{key}",
      "post /v1/password-resets",
      "put /v1/account/password",
      "post /v1/account/two-factor/verification-email",
      "delete /v1/account/two-factor",
      "post /v1/account/two-factor/recovery-codes",
      "post /v1/sessions/challenges/{id}/totp",
      "post /v1/sessions/challenges/{id}/emergency",
      "post /v1/sessions/challenges/{id}/recovery",
      "post /v1/sessions/challenges/{id}/emergency-code",
      // An app's sign-in is the same login, with the same throttles.
      "post /v1/app-sessions",
      "post /v1/app-sessions/challenges/{id}/totp",
      "post /v1/app-sessions/challenges/{id}/emergency",
      "post /v1/app-sessions/challenges/{id}/recovery",
      // A wrong password or key proof counts against the account's password checks.
      "post /v1/account/vault/{product}",
      "post /v1/account/vault/{product}/unlock",
      "post /v1/account/vault/{product}/key-rotation",
      "post /v1/account/vault/{product}/reset",
      "get /v1/account/vault/{product}/items",
      "get /v1/account/vault/{product}/items/{itemId}",
      "put /v1/account/vault/{product}/items/{itemId}",
      "delete /v1/account/vault/{product}/items/{itemId}",
      "post /v1/account/vault/{product}/export",
      "post /v1/account/vault/{product}/imports",
      "post /v1/account/primary-user/email",
      "post /v1/account/primary-user/email/resend",
      "post /v1/account/primary-user/password",
      "post /v1/instances/{instanceId}/console-users/{userName}/upgrade/email",
      "post /v1/instances/{instanceId}/console-users/{userName}/upgrade/email/resend",
    ]
    const found: Array<string> = []
    for (const [path, operations] of Object.entries(customer.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const at = `${method} ${path}`
        const responses = Object.entries(operation.responses)
        const advertised = responses.filter(([, response]) => response.headers?.["RateLimit-Policy"])
        if (advertised.length > 0) found.push(at)
        // An operation that can answer `rate-limited` says so on every answer, and names the refusing
        // policy on its 429s.
        const limited = operation.responses["429"]?.["x-problem-types"]?.includes(
          "https://portcullis.dev/problems/rate-limited",
        )
        expect(advertised.length, at).toBe(limited ? responses.length : 0)
        for (const [status, response] of responses) {
          expect(response.headers?.RateLimit !== undefined, `${at} ${status}`).toBe(
            limited === true && status === "429",
          )
        }
      }
    }
    expect(found.sort()).toEqual([...throttled].sort())
    expect(
      customer.paths["/v1/sessions"]?.post?.responses["201"]?.headers?.["RateLimit-Policy"]?.example,
    ).toBe('"login-account";q=6;w=3600, "login-address";q=21;w=3600, "login-challenge";q=5;w=600')
    expect(customer.paths["/v1/license-keys/{key}"]?.get?.responses["429"]?.headers?.RateLimit?.example).toBe(
      '"key-preview";r=0;t=30',
    )
  })

  it("states the checks the server makes, in its own words rather than Effect's", () => {
    const text = JSON.stringify(customer)
    expect(text).not.toMatch(/"description":"an? [a-z]/)
    expect(text).not.toMatch(/"title":"(maxLength|minLength|pattern|int)\b/)
    const registration = customer.components.schemas.RegistrationRequest as {
      properties: Record<string, { pattern?: string; properties?: Record<string, unknown> }>
    }
    expect(registration.properties.loginId?.pattern).toBe("^[A-Za-z0-9][A-Za-z0-9._@-]{3,63}$")
    expect(registration.properties.contractor?.properties?.companyName).toMatchObject({
      type: "string",
      minLength: 1,
      maxLength: 100,
    })
    expect(registration.properties.contractor?.properties?.prefecture).toMatchObject({
      enum: expect.arrayContaining(["東京都", "沖縄県"]),
    })
    expect(registration.properties.purchaseSource).toEqual({ $ref: "#/components/schemas/PurchaseSource" })
    expect(customer.components.schemas.PurchaseSource).toMatchObject({
      required: ["companyName"],
      properties: { companyName: { type: "string", minLength: 1, maxLength: 100 } },
    })
    const wire = JSON.stringify(customer.components.schemas)
    expect(wire).toContain("Answered as 123-4567")
    expect(wire).toContain("市外局番")
    expect(registration.properties.timeZone).toMatchObject({
      pattern: "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$",
      examples: expect.arrayContaining(["Asia/Tokyo"]),
    })
    const license = customer.components.schemas.License as { properties: Record<string, unknown> }
    expect(license.properties.status).toMatchObject({
      enum: ["active", "expiring_soon", "expired", "suspended"],
    })
    expect(license.properties.expiresOn).toMatchObject({ format: "date" })
  })
})

describe("the response check every HTTP test runs", () => {
  const { mismatch } = publishedResponses(sample)
  const thing = JSON.stringify({ id: "abc", name: "terse", requestId: "r-1" })

  it("accepts a body as published", () => {
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", thing)).toBeUndefined()
  })

  it("refuses a body the schema does not describe", () => {
    const wrong = JSON.stringify({ id: 7, name: "terse", requestId: "r-1" })
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", wrong)).toContain("/id")
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", `{"id":"abc"}`)).toContain("required")
  })

  it("refuses a success the operation does not list, an unlisted operation and an undocumented media type", () => {
    expect(mismatch("GET", "/v1/things/abc", 201, "application/json", thing)).toContain("201")
    expect(mismatch("GET", "/v1/elsewhere", 200, "application/json", thing)).toContain("not in the document")
    expect(mismatch("GET", "/v1/things/abc", 200, "text/plain", thing)).toContain("text/plain")
  })

  it("refuses a header a client acts on that the answer does not document", () => {
    const sent = ["content-type", "x-request-id", "location"]
    const created = JSON.stringify({ id: "t-1", name: "a", requestId: "r-1" })
    expect(mismatch("POST", "/v1/things", 201, "application/json", created, sent)).toBeUndefined()
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", thing, sent)).toContain("location")
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", thing, ["etag"])).toContain("etag")
  })

  it("refuses RateLimit headers the document does not name, or that disagree with each other", () => {
    const throttled = ["x-request-id", "ratelimit-policy"]
    expect(mismatch("GET", "/v1/things/abc", 200, "application/json", thing, throttled)).toBeUndefined()
    expect(mismatch("POST", "/v1/things", 201, "application/json", thing, throttled)).toContain(
      "ratelimit-policy",
    )
    const refused = (fields: Record<string, string>) =>
      rateLimitMismatch(429, new Headers({ "ratelimit-policy": '"thing-reads";q=10;w=60', ...fields }))
    expect(refused({ "retry-after": "3", ratelimit: '"thing-reads";r=0;t=3' })).toBeUndefined()
    expect(refused({ "retry-after": "3" })).toContain("missing")
    expect(refused({ "retry-after": "3", ratelimit: '"other";r=0;t=3' })).toContain("does not list")
    expect(refused({ "retry-after": "4", ratelimit: '"thing-reads";r=0;t=3' })).toContain("Retry-After")
    expect(rateLimitMismatch(200, new Headers({ ratelimit: '"thing-reads";r=9;t=60' }))).toContain(
      "not a refusal",
    )
  })

  it("checks a documented problem against the Problem schema", () => {
    expect(mismatch("GET", "/v1/things/abc", 404, "application/problem+json", `{"type":1}`)).toBeDefined()
  })

  const problem = (status: number, slug: string) =>
    JSON.stringify({
      type: `https://portcullis.dev/problems/${slug}`,
      title: "T",
      status,
      instance: "/v1/things/abc",
      requestId: "r-1",
    })

  it("accepts a problem of a type the answer lists, with the members its kind adds", () => {
    const withMember = JSON.stringify({ ...JSON.parse(problem(404, "not-found")), attemptsLeft: 2 })
    expect(mismatch("GET", "/v1/things/abc", 404, "application/problem+json", withMember)).toBeUndefined()
  })

  it("refuses an error status the operation does not list, and a problem type its answer does not", () => {
    expect(
      mismatch("GET", "/v1/things/abc", 418, "application/problem+json", problem(418, "teapot")),
    ).toContain("418")
    expect(
      mismatch("GET", "/v1/things/abc", 404, "application/problem+json", problem(404, "route-not-found")),
    ).toContain("allowed values")
    // A route that reads no body cannot answer that its body is malformed.
    expect(
      mismatch("GET", "/v1/things/abc", 400, "application/problem+json", problem(400, "malformed-json")),
    ).toContain("400")
  })
})
