import { Args, Command, Options } from "@effect/cli"
import { Chunk, Effect, Option, Stream } from "effect"
import { EventStore } from "../../../application/event-log/event-store.js"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { SqlEventLogService } from "../../wiring/sql-event-log-service.js"
import { checkFailed } from "../cli-failure.js"
import { emit } from "../output.js"
import { withApp } from "../with-app.js"

const json = Options.boolean("json").pipe(
  Options.withDescription("print JSON (one object per line for tail)"),
)

const line = (e: RecordedEvent) =>
  [
    `#${e.position}`.padEnd(8),
    e.recordedAt.toISOString(),
    `${e.streamId}@${e.streamVersion}`.padEnd(36),
    e.type.padEnd(28),
    `${e.metadata.actor.kind}:${e.metadata.actor.id}`,
    e.erased ? "(erased)" : "",
  ].join("  ")

const toJson = (e: RecordedEvent) => ({ ...e, recordedAt: e.recordedAt.toISOString() })

const tail = Command.make(
  "tail",
  {
    json,
    limit: Options.integer("limit").pipe(
      Options.withAlias("n"),
      Options.withDefault(20),
      Options.withDescription("how many of the latest events"),
    ),
    stream: Options.text("stream").pipe(Options.optional, Options.withDescription("only this stream")),
    follow: Options.boolean("follow").pipe(
      Options.withAlias("f"),
      Options.withDescription("keep printing new events"),
    ),
  },
  ({ json, limit, stream, follow }) =>
    withApp({ migrate: false })(() =>
      Effect.gen(function* () {
        const store = yield* EventStore
        const { database } = yield* SqlEventLogService
        const print = (e: RecordedEvent) =>
          emit(false, null, () => (json ? JSON.stringify(toJson(e)) : line(e)))
        const wanted = (e: RecordedEvent) =>
          Option.match(stream, { onNone: () => true, onSome: (s) => e.streamId === s })
        let query = database.db
          .selectFrom("events")
          .select("position")
          .orderBy("position", "desc")
          .limit(limit)
        if (Option.isSome(stream)) query = query.where("stream_id", "=", stream.value)
        const positions = yield* Effect.promise(() => query.execute())
        const from = (positions.at(-1)?.position ?? (yield* store.head).position + 1) - 1
        // Prints what came after `after` and answers the last position seen.
        const printAfter = (after: number) =>
          Stream.runFoldEffect(store.readAll({ after }), after, (_, e) =>
            wanted(e) ? Effect.as(print(e), e.position) : Effect.succeed(e.position),
          )
        let last = yield* printAfter(from)
        if (last === from && !json && !follow) yield* emit(false, null, () => "(no events)")
        while (follow) {
          yield* Effect.sleep("1 second")
          last = yield* printAfter(last)
        }
      }),
    ),
).pipe(Command.withDescription("Print the latest events, oldest first; --follow keeps printing"))

const show = Command.make(
  "show",
  { json, position: Args.integer({ name: "position" }) },
  ({ json, position }) =>
    withApp({ migrate: false })(() =>
      Effect.gen(function* () {
        const store = yield* EventStore
        const found = Chunk.head(
          yield* Stream.runCollect(Stream.take(store.readAll({ after: position - 1, batchSize: 1 }), 1)),
        )
        if (Option.isNone(found) || found.value.position !== position)
          return yield* Effect.fail(checkFailed(`no event at position ${position}`))
        yield* emit(json, toJson(found.value), (e) =>
          [
            line(found.value),
            `event id:   ${e.eventId}`,
            `schema:     v${e.schemaVersion}`,
            `metadata:   ${JSON.stringify(e.metadata)}`,
            `digest:     ${e.dataDigest}`,
            `hash:       ${e.hash}`,
            `data:       ${e.erased ? "(erased)" : JSON.stringify(e.data, null, 2).replace(/\n/g, "\n            ")}`,
          ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("Print one event in full"))

export const eventsCommand = Command.make("events").pipe(
  Command.withDescription("Read the event log"),
  Command.withSubcommands([tail, show]),
)
