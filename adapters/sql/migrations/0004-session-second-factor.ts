import type { Kysely } from "kysely"

// A session remembers how its login was completed: a password alone, or with a second factor (an
// authenticator code, an emergency access code, a recovery code). A session opened with an
// emergency code is told so, so the client can lead its user to set 2FA up again.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .alterTable("sessions")
    .addColumn("authenticated_with", "text", (c) => c.notNull().defaultTo("password"))
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable("sessions").dropColumn("authenticated_with").execute()
}
