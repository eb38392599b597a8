import type { Kysely } from "kysely"

// The simulated console (the default console adapter, issue 15) keeps its own state, as the real
// console would keep its own: the answers it gave by idempotency key, each instance's provisioning
// and update clocks, and its fault settings, so that a restart and a second `serve` see the same.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("sim_console_calls")
    .addColumn("idempotency_key", "text", (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull())
    .addColumn("answer", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute()
  await db.schema
    .createTable("sim_console_instances")
    .addColumn("instance_id", "text", (c) => c.primaryKey())
    .addColumn("provision_started_at", "text", (c) => c.notNull())
    .addColumn("update_attempt", "integer")
    .addColumn("update_started_at", "text")
    .execute()
  await db.schema
    .createTable("sim_console_faults")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("script", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("failure_rate", "real", (c) => c.notNull())
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of ["sim_console_faults", "sim_console_instances", "sim_console_calls"])
    await db.schema.dropTable(table).execute()
}
