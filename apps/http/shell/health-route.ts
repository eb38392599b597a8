import { Effect, Schema } from "effect"
import { defineRoute } from "./route.js"

export interface HealthReport {
  readonly ok: boolean
  readonly checks: Record<string, string>
}

const HealthBody = Schema.Struct({
  status: Schema.Literal("ok", "unavailable"),
  checks: Schema.Record({ key: Schema.String, value: Schema.String }),
}).annotations({ identifier: "Health" })

/** A crashing check reports the service unavailable rather than failing the probe with a 500. */
export const healthRoute = <R>(health: Effect.Effect<HealthReport, never, R>) =>
  defineRoute({
    method: "GET",
    path: "/healthz",
    summary: "Liveness and readiness, with the result of each check",
    tags: ["operations"],
    auth: "none",
    responses: {
      200: { description: "Every check passed", schema: HealthBody },
      503: { description: "At least one check failed", schema: HealthBody },
    },
    failures: {},
    handler: () =>
      health.pipe(
        Effect.catchAllCause((cause) =>
          Effect.logError("health check crashed", cause).pipe(
            Effect.as<HealthReport>({ ok: false, checks: { health: "crashed" } }),
          ),
        ),
        Effect.map((report) => ({
          status: report.ok ? 200 : 503,
          body: { status: report.ok ? "ok" : "unavailable", checks: report.checks },
        })),
      ),
  })
