import { Effect, Schema } from "effect"
import { describe, expect, it, vi } from "vitest"
import { defineFeature } from "../../apps/http/shell/feature.js"
import { pathRedaction } from "../../apps/http/shell/redacted-path.js"
import { defineRoute } from "../../apps/http/shell/route.js"
import { NotFound, sampleApp, sampleFeature } from "./sample-app.js"

const redeem = defineRoute({
  method: "POST",
  path: "/v1/vouchers/:code/redemption",
  summary: "Redeem a voucher whose code is a secret",
  auth: "none",
  params: Schema.Struct({ code: Schema.String }),
  secretParams: ["code"],
  responses: { 204: { description: "Redeemed" } },
  failures: { NotFound: true },
  handler: () => Effect.fail(new NotFound({ resource: "voucher" })),
})

describe("secrets in paths", () => {
  it("are replaced by their parameter's name, on the route's path and any path under it", () => {
    const shown = pathRedaction([redeem, { path: "/v1/things/:id", secretParams: [] }])
    expect(shown("/v1/vouchers/S3CR3T/redemption")).toBe("/v1/vouchers/:code/redemption")
    // Under it, no route: the rest is shown by its shape too.
    expect(shown("/v1/vouchers/S3CR3T/elsewhere")).toBe("/v1/vouchers/:code/:segment")
    expect(shown("/v1/things/abc")).toBe("/v1/things/abc")
    // A path that matches no route keeps only the words of the routes' paths.
    expect(shown("//v1/vouchers/S3CR3T/redemption")).toBe("//v1/vouchers/:segment/redemption")
    expect(shown("/v1/things/abc/S3CR3T")).toBe("/v1/things/:segment/:segment")
    expect(shown("/v1/:S3CR3T/things/")).toBe("/v1/:segment/things/")
    expect(shown("/S3CR3T")).toBe("/:segment")
    // Two secrets in one path (an instance and one of its console users): both are named.
    const both = pathRedaction([
      { path: "/v1/shops/:shop/users/:user/upgrade", secretParams: ["shop", "user"] },
    ])
    expect(both("/v1/shops/S3CR3T/users/operator01/upgrade")).toBe("/v1/shops/:shop/users/:user/upgrade")
    expect(() => pathRedaction([{ path: "/v1/x/:id", secretParams: ["token"] }])).toThrow(
      /no parameter token/,
    )
  })

  it("never reach the access log or a problem body", async () => {
    const vouchers = defineFeature({ name: "vouchers", routes: [redeem], problems: {} })
    const { app, logs } = sampleApp({ features: [sampleFeature, vouchers] })
    const response = await app.request("/v1/vouchers/S3CR3T/redemption", { method: "POST" })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { instance: string }).instance).toBe("/v1/vouchers/:code/redemption")
    await vi.waitFor(() => expect(logs.some((line) => line.message === "http request")).toBe(true))
    expect(JSON.stringify(logs)).not.toContain("S3CR3T")
  })
})
