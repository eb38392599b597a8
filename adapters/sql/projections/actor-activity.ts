import type { Projection } from "./projection.js"

/**
 * Who did what, one row per event, indexed by actor: lets an auditor ask "everything operator X did"
 * without scanning the log. Every event type is read, so it lists no types and takes them all.
 */
export const actorActivityProjection: Projection = {
  name: "actor_activity",
  version: 1,
  eventTypes: ["*"],
  tables: [{ name: "actor_activity", key: ["position"] }],
  create: async (db) => {
    await db.schema
      .createTable("actor_activity")
      .ifNotExists()
      .addColumn("position", "bigint", (c) => c.primaryKey())
      .addColumn("actor_kind", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("stream_id", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("recorded_at", "text", (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex("actor_activity_actor_idx")
      .ifNotExists()
      .on("actor_activity")
      .columns(["actor_kind", "actor_id", "position"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("actor_activity").ifExists().execute()
  },
  apply: async (db, event) => {
    await db
      .insertInto("actor_activity")
      .values({
        position: event.position,
        actor_kind: event.metadata.actor.kind,
        actor_id: event.metadata.actor.id,
        stream_id: event.streamId,
        type: event.type,
        recorded_at: event.recordedAt.toISOString(),
      })
      .execute()
  },
}
