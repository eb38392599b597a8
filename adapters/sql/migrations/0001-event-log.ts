import { type Kysely, SqliteAdapter } from "kysely"

const genesisHash = "0".repeat(64)

// Types chosen to mean the same on SQLite and PostgreSQL: text JSON keeps the stored bytes exactly
// as hashed, and ISO-8601 UTC text timestamps sort and compare the same on both.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  // On SQLite only `integer primary key` is the rowid itself; `bigint` would add a second index
  // that every append writes and every replay walks. Both are 64-bit.
  const positionType = db.getExecutor().adapter instanceof SqliteAdapter ? "integer" : "bigint"
  await db.schema
    .createTable("events")
    .addColumn("position", positionType, (c) => c.primaryKey())
    .addColumn("stream_id", "text", (c) => c.notNull())
    .addColumn("stream_version", "integer", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("schema_version", "integer", (c) => c.notNull())
    .addColumn("data", "text")
    .addColumn("metadata", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("data_digest", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("erased", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("events_stream_version_unique", ["stream_id", "stream_version"])
    .execute()
  await db.schema.createIndex("events_type_idx").on("events").columns(["type", "position"]).execute()

  await db.schema
    .createTable("streams")
    .addColumn("stream_id", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("last_position", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute()

  // One row: the end of the chain, read and moved under the global write lock.
  await db.schema
    .createTable("log_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("position", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute()
  await db
    .insertInto("log_head" as never)
    .values({ id: 1, position: 0, hash: genesisHash } as never)
    .execute()

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("stream_id", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute()

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "bigint", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("lease_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("last_error", "text")
    .execute()
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute()

  await db.schema
    .createTable("outbox_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex("outbox_attempts_message_idx")
    .on("outbox_attempts")
    .column("message_id")
    .execute()

  await db.schema
    .createTable("projection_checkpoints")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("position", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of [
    "projection_checkpoints",
    "outbox_attempts",
    "outbox",
    "idempotency_keys",
    "log_head",
    "streams",
    "events",
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
