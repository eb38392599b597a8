import { Effect, Schema } from "effect"
import {
  type ConsoleCall,
  type ConsolePortApi,
  ConsoleUnavailable,
} from "../../application/instances/console-port.js"
import { ConsoleUser } from "../../domain/instances/instance-events.js"
import { Instant } from "../../domain/kernel/index.js"

// The console port over HTTP, for a deployment whose consoles answer on the network. The wire:
//   POST {base}/instances/{id}/provision          → {status: "provisioned"} | {status: "in-progress", checkAt}
//   GET  {base}/instances/{id}/users              → {users: [{userName, displayName, role}]}
//   POST {base}/instances/{id}/updates/{attempt}  → {status: "started"} | {status: "temporary-problem", reason, retryAt}
//   GET  {base}/instances/{id}/updates/{attempt}  → {status: "finished"} | {status: "in-progress", checkAt}
// every request with its `Idempotency-Key`. Anything else (no answer, a status other than 200, a
// body that does not fit) is the console unavailable: the saga tries again later.

const Provision = Schema.Union(
  Schema.Struct({ status: Schema.Literal("provisioned") }),
  Schema.Struct({ status: Schema.Literal("in-progress"), checkAt: Instant }),
)
const Users = Schema.Struct({ users: Schema.Array(ConsoleUser) })
const Start = Schema.Union(
  Schema.Struct({ status: Schema.Literal("started") }),
  Schema.Struct({ status: Schema.Literal("temporary-problem"), reason: Schema.String, retryAt: Instant }),
)
const Status = Schema.Union(
  Schema.Struct({ status: Schema.Literal("finished") }),
  Schema.Struct({ status: Schema.Literal("in-progress"), checkAt: Instant }),
)

export interface HttpConsoleOptions {
  readonly baseUrl: string
  /** How long one call may take before it counts as no answer. */
  readonly timeoutMillis?: number
}

export const makeHttpConsole = (options: HttpConsoleOptions): ConsolePortApi => {
  const base = options.baseUrl.replace(/\/+$/, "")
  const request = <A, I>(
    schema: Schema.Schema<A, I>,
    method: "GET" | "POST",
    path: string,
    call: ConsoleCall,
  ): Effect.Effect<A, ConsoleUnavailable> =>
    Effect.tryPromise({
      try: async (signal) => {
        const answer = await fetch(`${base}/instances/${encodeURIComponent(call.instanceId)}${path}`, {
          method,
          headers: { "idempotency-key": call.idempotencyKey, accept: "application/json" },
          signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMillis ?? 10_000)]),
        })
        if (answer.status !== 200) throw new Error(`the console answered ${answer.status}`)
        return (await answer.json()) as unknown
      },
      catch: (cause) =>
        new ConsoleUnavailable({ reason: cause instanceof Error ? cause.message : "no answer" }),
    }).pipe(
      Effect.flatMap((body) =>
        Effect.mapError(
          Schema.decodeUnknown(schema)(body),
          () => new ConsoleUnavailable({ reason: "the console's answer does not fit" }),
        ),
      ),
    )

  return {
    provision: (call) =>
      Effect.map(request(Provision, "POST", "/provision", call), (answer) =>
        answer.status === "provisioned"
          ? { _tag: "Provisioned" as const }
          : { _tag: "InProgress" as const, checkAt: answer.checkAt },
      ),
    consoleUsers: (call) => Effect.map(request(Users, "GET", "/users", call), (answer) => answer.users),
    startUpdate: (call) =>
      Effect.map(request(Start, "POST", `/updates/${call.attempt}`, call), (answer) =>
        answer.status === "started"
          ? { _tag: "Started" as const }
          : { _tag: "TemporaryProblem" as const, reason: answer.reason, retryAt: answer.retryAt },
      ),
    updateStatus: (call) =>
      Effect.map(request(Status, "GET", `/updates/${call.attempt}`, call), (answer) =>
        answer.status === "finished"
          ? { _tag: "Finished" as const }
          : { _tag: "InProgress" as const, checkAt: answer.checkAt },
      ),
  }
}
