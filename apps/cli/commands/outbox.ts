import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { drainOutbox } from "../../../application/outbox/dispatch.js"
import { Outbox } from "../../../application/outbox/outbox.js"
import { emit } from "../output.js"
import { withApp, withKeys } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the result as JSON"))

const drain = Command.make(
  "drain",
  {
    json,
    now: Options.boolean("now").pipe(Options.withDescription("also retry messages waiting out a back-off")),
  },
  ({ json, now }) =>
    // With the server key: mail that carries a secret waits sealed under it.
    withKeys({ migrate: true })(() =>
      Effect.gen(function* () {
        const summary = yield* drainOutbox({ ignoreBackoff: now })
        const stats = yield* (yield* Outbox).stats
        yield* emit(json, { ...summary, queue: stats }, (r) =>
          [
            `delivered ${r.delivered}, retrying later ${r.retrying}, dead ${r.dead}`,
            `queue: ${r.queue.pending} pending, ${r.queue.delivered} delivered, ${r.queue.dead} dead`,
          ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("Deliver every message that is due now (serve does this continuously)"))

const status = Command.make("status", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const stats = yield* (yield* Outbox).stats
      yield* emit(json, stats, (s) => `${s.pending} pending, ${s.delivered} delivered, ${s.dead} dead`)
    }),
  ),
).pipe(Command.withDescription("Count the messages by state"))

export const outboxCommand = Command.make("outbox").pipe(
  Command.withDescription("Side effects (e-mails) waiting to be delivered"),
  Command.withSubcommands([drain, status]),
)
