import type { Kysely } from "kysely"

// State that is not history: signed-in sessions (token digests, last activity) and throttle
// counters change on every request; as events they would flood the log with nothing to audit.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("sessions")
    .addColumn("session_id", "text", (c) => c.primaryKey())
    .addColumn("token_digest", "text", (c) => c.notNull().unique())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("absolute_expires_at", "text", (c) => c.notNull())
    .execute()
  await db.schema.createIndex("sessions_account_idx").on("sessions").column("account_id").execute()

  await db.schema
    .createTable("throttles")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addColumn("blocked_until", "text")
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("throttles").ifExists().execute()
  await db.schema.dropTable("sessions").ifExists().execute()
}
