import { Schema } from "effect"
import type { OutboxApi, OutboxEntry } from "../../../application/outbox/outbox.js"
import { newUuidV7 as uuidV7 } from "../../crypto/uuid-v7.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const OutboxRow = Schema.Struct({
  id: Schema.String,
  channel: Schema.String,
  payload: Schema.parseJson(),
  attempts: Schema.Number,
  created_at: Schema.String,
})
const decodeRow = Schema.decodeUnknownSync(OutboxRow)

const toEntry = (raw: unknown): OutboxEntry => {
  const row = decodeRow(raw)
  return {
    id: row.id,
    channel: row.channel,
    payload: row.payload as OutboxEntry["payload"],
    attempts: row.attempts,
    createdAt: row.created_at,
  }
}

export const makeSqlOutbox = (database: Database): OutboxApi => {
  const { db } = database
  return {
    // The lease conditions stand in the outer WHERE as well: PostgreSQL re-checks them on the row it
    // locks, so when two dispatchers race for a message only one of them gets it. On PostgreSQL the
    // candidates are taken FOR UPDATE SKIP LOCKED, so a dispatcher racing another takes the next due
    // messages instead of coming away empty-handed. (SQLite has one writer: no race to resolve.)
    claimDue: ({ now, limit, leaseMillis, ignoreBackoff }) =>
      sqlEffect("outbox claim", async () => {
        const nowIso = now.toISOString()
        const leaseUntil = new Date(now.getTime() + leaseMillis).toISOString()
        const rows = await db
          .updateTable("outbox")
          .set({ lease_until: leaseUntil })
          .where("id", "in", (eb) => {
            let due = eb
              .selectFrom("outbox")
              .select("id")
              .where("status", "=", "pending")
              .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<=", nowIso)]))
            if (!ignoreBackoff) due = due.where("next_attempt_at", "<=", nowIso)
            const ordered = due.orderBy("next_attempt_at").orderBy("id").limit(limit)
            return database.target.dialect === "postgres" ? ordered.forUpdate().skipLocked() : ordered
          })
          .where("status", "=", "pending")
          .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<=", nowIso)]))
          .returning(["id", "channel", "payload", "attempts", "created_at"])
          .execute()
        return rows.map(toEntry).sort((a, b) => (a.id < b.id ? -1 : 1))
      }),

    record: (id, at, outcome) =>
      sqlEffect("outbox record", () =>
        db.transaction().execute(async (trx) => {
          const atIso = at.toISOString()
          await trx
            .insertInto("outbox_attempts")
            .values({
              id: uuidV7(),
              message_id: id,
              attempted_at: atIso,
              outcome:
                outcome._tag === "Delivered" ? "delivered" : outcome._tag === "Retry" ? "failed" : "dead",
              detail: outcome.detail,
            })
            .execute()
          await trx
            .updateTable("outbox")
            .set((eb) => ({
              attempts: eb("attempts", "+", 1),
              lease_until: null,
              status:
                outcome._tag === "Delivered" ? "delivered" : outcome._tag === "Dead" ? "dead" : "pending",
              delivered_at: outcome._tag === "Delivered" ? atIso : null,
              last_error: outcome._tag === "Delivered" ? null : outcome.detail,
              ...(outcome._tag === "Retry" ? { next_attempt_at: outcome.nextAttemptAt.toISOString() } : {}),
            }))
            .where("id", "=", id)
            .execute()
        }),
      ),

    stats: sqlEffect("outbox stats", async () => {
      const rows = await db
        .selectFrom("outbox")
        .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("status")
        .execute()
      const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0)
      return { pending: count("pending"), delivered: count("delivered"), dead: count("dead") }
    }),
  }
}
