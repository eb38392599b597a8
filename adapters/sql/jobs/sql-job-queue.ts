import { randomUUID } from "node:crypto"
import { Schema } from "effect"
import type { ClaimedJob, JobQueueApi, RecordedOutcome } from "../../../application/jobs/job-queue.js"
import { Instant, plusMillis } from "../../../domain/kernel/index.js"
import { newUuidV7 as uuidV7 } from "../../crypto/uuid-v7.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

// The SQL boundary: a claimed row is checked before the dispatcher sees it.
const JobRow = Schema.Struct({
  id: Schema.String,
  channel: Schema.String,
  payload: Schema.parseJson(),
  attempts: Schema.Number,
  created_at: Instant,
  lease_token: Schema.String,
  lease_until: Instant,
  causation_id: Schema.NullOr(Schema.String),
  correlation_id: Schema.NullOr(Schema.String),
})
const decodeJob = Schema.decodeUnknownSync(JobRow)

const toJob = (raw: unknown): ClaimedJob => {
  const row = decodeJob(raw)
  return {
    id: row.id,
    channel: row.channel,
    payload: row.payload as ClaimedJob["payload"],
    attempts: row.attempts,
    createdAt: row.created_at,
    leaseToken: row.lease_token,
    leaseUntil: row.lease_until,
    causationId: row.causation_id ?? undefined,
    correlationId: row.correlation_id ?? undefined,
  }
}

const attemptOutcome = { Done: "done", Retry: "failed", Dead: "dead" } as const
const stateAfter = { Done: "done", Retry: "pending", Dead: "dead" } as const

export const makeSqlJobQueue = (database: Database): JobQueueApi => {
  const { db } = database
  return {
    // The lease conditions stand in the outer WHERE as well: PostgreSQL re-checks them on the row it
    // locks, so when two dispatchers race for a job only one of them gets it. On PostgreSQL the
    // candidates are taken FOR UPDATE SKIP LOCKED, so a dispatcher racing another takes the next due
    // jobs instead of coming away empty-handed. (SQLite has one writer: no race to resolve.)
    claimDue: ({ now, channels, limit, leaseMillis, ignoreBackoff }) =>
      sqlEffect("jobs claim", async () => {
        if (channels.length === 0) return []
        const leaseUntil = plusMillis(now, leaseMillis)
        const rows = await db
          .updateTable("outbox")
          .set({ lease_until: leaseUntil, lease_token: randomUUID() })
          .where("id", "in", (eb) => {
            const due = eb
              .selectFrom("outbox")
              .select("id")
              .where("status", "=", "pending")
              .where("channel", "in", channels)
              .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<=", now)]))
              // A job waiting out a back-off may be hurried; one whose due time has not come, never.
              .where((w) =>
                ignoreBackoff
                  ? w.or([w("next_attempt_at", "<=", now), w("attempts", ">", 0)])
                  : w("next_attempt_at", "<=", now),
              )
              .orderBy("next_attempt_at")
              .orderBy("id")
              .limit(limit)
            return database.target.dialect === "postgres" ? due.forUpdate().skipLocked() : due
          })
          .where("status", "=", "pending")
          .where((w) => w.or([w("lease_until", "is", null), w("lease_until", "<=", now)]))
          .returning([
            "id",
            "channel",
            "payload",
            "attempts",
            "created_at",
            "lease_token",
            "lease_until",
            "causation_id",
            "correlation_id",
          ])
          .execute()
        return rows.map(toJob).sort((a, b) => (a.id < b.id ? -1 : 1))
      }),

    // Only while the lease is still this claim's: a dispatcher that overran it leaves the job to the
    // one that took it since.
    record: (job, at, outcome: RecordedOutcome) =>
      sqlEffect("jobs record", () =>
        db.transaction().execute(async (trx) => {
          const updated = await trx
            .updateTable("outbox")
            .set((eb) => ({
              attempts: eb("attempts", "+", 1),
              lease_until: null,
              lease_token: null,
              status: stateAfter[outcome._tag],
              completed_at: outcome._tag === "Done" ? at : null,
              last_error: outcome._tag === "Done" ? null : outcome.detail,
              ...(outcome._tag === "Retry" ? { next_attempt_at: outcome.nextAttemptAt } : {}),
            }))
            .where("id", "=", job.id)
            .where("lease_token", "=", job.leaseToken)
            .where("status", "=", "pending")
            .executeTakeFirst()
          if (Number(updated.numUpdatedRows) === 0) return
          await trx
            .insertInto("outbox_attempts")
            .values({
              id: uuidV7(),
              message_id: job.id,
              attempted_at: at,
              outcome: attemptOutcome[outcome._tag],
              detail: outcome.detail,
            })
            .execute()
        }),
      ),

    release: (jobs) =>
      sqlEffect("jobs release", async () => {
        // One statement per claim (a claim leases its whole batch under one token), not one per job.
        const byToken = new Map<string, Array<string>>()
        for (const job of jobs) byToken.set(job.leaseToken, [...(byToken.get(job.leaseToken) ?? []), job.id])
        for (const [token, ids] of byToken) {
          await db
            .updateTable("outbox")
            .set({ lease_until: null, lease_token: null })
            .where("id", "in", ids)
            .where("lease_token", "=", token)
            .execute()
        }
      }),

    status: (options = {}) =>
      sqlEffect("jobs status", async () => {
        const counts = await db
          .selectFrom("outbox")
          .select(["channel", "status", (eb) => eb.fn.countAll<number>().as("n")])
          .groupBy(["channel", "status"])
          .execute()
        const next = await db
          .selectFrom("outbox")
          .select((eb) => eb.fn.min("next_attempt_at").as("due"))
          .where("status", "=", "pending")
          .executeTakeFirst()
        const dead = await db
          .selectFrom("outbox")
          .select(["id", "channel", "attempts", "created_at", "last_error"])
          .where("status", "=", "dead")
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(options.deadLimit ?? 20)
          .execute()
        const byChannel = new Map<string, { channel: string; pending: number; done: number; dead: number }>()
        for (const row of counts) {
          const entry = byChannel.get(row.channel) ?? { channel: row.channel, pending: 0, done: 0, dead: 0 }
          entry[row.status] += Number(row.n)
          byChannel.set(row.channel, entry)
        }
        const channels = [...byChannel.values()].sort((a, b) => (a.channel < b.channel ? -1 : 1))
        const total = (state: "pending" | "done" | "dead") => channels.reduce((n, c) => n + c[state], 0)
        return {
          channels,
          totals: { pending: total("pending"), done: total("done"), dead: total("dead") },
          nextDueAt: next?.due ? Schema.decodeUnknownSync(Instant)(next.due) : undefined,
          dead: dead.map((row) => ({
            id: row.id,
            channel: row.channel,
            attempts: Number(row.attempts),
            createdAt: Schema.decodeUnknownSync(Instant)(row.created_at),
            lastError: row.last_error ?? "",
          })),
        }
      }),

    retry: (id, at) =>
      sqlEffect("jobs retry", async () => {
        const updated = await db
          .updateTable("outbox")
          .set({ status: "pending", attempts: 0, next_attempt_at: at, lease_until: null, lease_token: null })
          .where("id", "=", id)
          .where("status", "=", "dead")
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) > 0) return "revived"
        const found = await db.selectFrom("outbox").select("id").where("id", "=", id).executeTakeFirst()
        return found ? "not-dead" : "unknown"
      }),
  }
}
