// A small sample aggregate for the kernel's tests: a tally that is opened, added to and closed.
import { Data, Either, Schema } from "effect"
import type { Projection } from "../../adapters/sql/projections/projection.js"
import { type Decider, makeEventCodec } from "../../domain/kernel/index.js"

export const TallyOpened = Schema.TaggedStruct("TallyOpened", { name: Schema.String, at: Schema.String })
export const AmountAdded = Schema.TaggedStruct("AmountAdded", { amount: Schema.Int, at: Schema.String })
export const TallyClosed = Schema.TaggedStruct("TallyClosed", { at: Schema.String })
export type TallyEvent = typeof TallyOpened.Type | typeof AmountAdded.Type | typeof TallyClosed.Type

export type TallyCommand =
  | { readonly _tag: "Open"; readonly name: string; readonly at: string }
  | { readonly _tag: "Add"; readonly amount: number; readonly at: string }
  | { readonly _tag: "Close"; readonly at: string }

export type TallyState =
  | { readonly _tag: "Initial" }
  | { readonly _tag: "Open"; readonly name: string; readonly total: number; readonly adds: number }
  | { readonly _tag: "Closed"; readonly name: string; readonly total: number; readonly adds: number }

export class TallyNotOpen extends Data.TaggedError("TallyNotOpen")<{}> {}
export class TallyAlreadyOpen extends Data.TaggedError("TallyAlreadyOpen")<{}> {}
export type TallyError = TallyNotOpen | TallyAlreadyOpen

export const tallyDecider: Decider<TallyCommand, TallyState, TallyEvent, TallyError> = {
  initialState: { _tag: "Initial" },
  decide: (command, state) => {
    switch (command._tag) {
      case "Open":
        if (state._tag === "Initial")
          return Either.right([TallyOpened.make({ name: command.name, at: command.at })])
        return state._tag === "Open" && state.name === command.name
          ? Either.right([])
          : Either.left(new TallyAlreadyOpen())
      case "Add":
        if (state._tag !== "Open") return Either.left(new TallyNotOpen())
        return Either.right(
          command.amount === 0 ? [] : [AmountAdded.make({ amount: command.amount, at: command.at })],
        )
      case "Close":
        if (state._tag === "Closed") return Either.right([])
        if (state._tag === "Initial") return Either.left(new TallyNotOpen())
        return Either.right([TallyClosed.make({ at: command.at })])
    }
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "TallyOpened":
        return { _tag: "Open", name: event.name, total: 0, adds: 0 }
      case "AmountAdded":
        return state._tag === "Open"
          ? { ...state, total: state.total + event.amount, adds: state.adds + 1 }
          : state
      case "TallyClosed":
        return state._tag === "Open" ? { ...state, _tag: "Closed" } : state
    }
  },
  isTerminal: (state) => state._tag === "Closed",
}

// AmountAdded v1 stored the amount as a string; v2 upcasts it, which the codec tests exercise.
export const tallyCodec = makeEventCodec({
  TallyOpened: { schema: TallyOpened },
  AmountAdded: {
    schema: AmountAdded,
    version: 2,
    upcasters: {
      1: (data) => ({ ...(data as object), amount: Number((data as { amount: string }).amount) }),
    },
  },
  TallyClosed: { schema: TallyClosed },
})

export const tally = { decider: tallyDecider, codec: tallyCodec }

/** A read model of the tallies, to test inline projections, rebuilds and replay. */
export const talliesProjection: Projection = {
  name: "tallies",
  version: 1,
  eventTypes: ["TallyOpened", "AmountAdded", "TallyClosed"],
  tables: [{ name: "tallies", key: ["stream_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("tallies")
      .ifNotExists()
      .addColumn("stream_id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("total", "integer", (c) => c.notNull())
      .addColumn("closed", "integer", (c) => c.notNull())
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("tallies").ifExists().execute()
  },
  apply: async (db, event) => {
    const decoded = tallyCodec.decode(event.type, event.schemaVersion, event.data)
    if (Either.isLeft(decoded)) throw decoded.left
    const e = decoded.right
    switch (e._tag) {
      case "TallyOpened":
        await db
          .insertInto("tallies")
          .values({ stream_id: event.streamId, name: e.name, total: 0, closed: 0 })
          .execute()
        return
      case "AmountAdded":
        await db
          .updateTable("tallies")
          .set((eb) => ({ total: eb("total", "+", e.amount) }))
          .where("stream_id", "=", event.streamId)
          .execute()
        return
      case "TallyClosed":
        await db.updateTable("tallies").set({ closed: 1 }).where("stream_id", "=", event.streamId).execute()
        return
    }
  },
}
