import { type Kysely, sql } from "kysely"

// The outbox becomes a queue of typed jobs on channels (mail is one). A job may be due later; it
// remembers the event that wrote it (causation) and the correlation it belongs to, so the events a
// job's follow-up command appends carry them; a lease token tells a dispatcher whether the job it
// is completing is still its own. "delivered" becomes "done", which reads for every channel.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const column of ["lease_token", "causation_id", "correlation_id"]) {
    await db.schema.alterTable("outbox").addColumn(column, "text").execute()
  }
  await db.schema.alterTable("outbox").renameColumn("delivered_at", "completed_at").execute()
  await sql`update outbox set status = 'done' where status = 'delivered'`.execute(db)
  await sql`update outbox_attempts set outcome = 'done' where outcome = 'delivered'`.execute(db)
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`update outbox_attempts set outcome = 'delivered' where outcome = 'done'`.execute(db)
  await sql`update outbox set status = 'delivered' where status = 'done'`.execute(db)
  await db.schema.alterTable("outbox").renameColumn("completed_at", "delivered_at").execute()
  for (const column of ["correlation_id", "causation_id", "lease_token"]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute()
  }
}
