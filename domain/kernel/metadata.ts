import { Schema } from "effect"

export const ActorKind = Schema.Literal("customer", "operator", "system")
export type ActorKind = typeof ActorKind.Type

export const Actor = Schema.Struct({
  kind: ActorKind,
  id: Schema.String,
})
export type Actor = typeof Actor.Type

/** Who caused an event and in answer to what; stored beside every event, never inside its data. */
export const EventMetadata = Schema.Struct({
  actor: Actor,
  correlationId: Schema.optional(Schema.String),
  causationId: Schema.optional(Schema.String),
  requestId: Schema.optional(Schema.String),
})
export type EventMetadata = typeof EventMetadata.Type

export const systemActor = (id: string): Actor => ({ kind: "system", id })
