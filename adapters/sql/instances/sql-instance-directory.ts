import { Effect, Schema } from "effect"
import type { InstanceDirectoryApi } from "../../../application/instances/instance-directory.js"
import { Instant } from "../../../domain/kernel/index.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const Row = Schema.Struct({
  instance_id: Schema.String,
  account_id: Schema.String,
  license_key_hash: Schema.String,
  status: Schema.String,
  product_id: Schema.String,
  attempts: Schema.Number,
  changed_at: Instant,
})
const decodeRow = Schema.decodeUnknownSync(Row)

const JobRow = Schema.Struct({
  id: Schema.String,
  payload: Schema.parseJson(Schema.Struct({ _tag: Schema.String })),
  status: Schema.Literal("pending", "done", "dead"),
  attempts: Schema.Number,
  next_attempt_at: Instant,
  last_error: Schema.NullOr(Schema.String),
})
const decodeJob = Schema.decodeUnknownSync(JobRow)
// Instance ids are hex digests: nothing in one is special to LIKE.
const isInstanceId = (id: string) => /^[a-f0-9]{1,128}$/.test(id)

export const makeSqlInstanceDirectory = (database: Database): InstanceDirectoryApi => ({
  // The queue's own rows of the `instances` channel that name this instance: read here, for support,
  // rather than widening the job queue's port for one feature.
  sagaJobs: (instanceId) =>
    isInstanceId(instanceId)
      ? Effect.map(
          sqlEffect("instance saga jobs", () =>
            database.db
              .selectFrom("outbox")
              .select(["id", "payload", "status", "attempts", "next_attempt_at", "last_error"])
              .where("channel", "=", "instances")
              .where("payload", "like", `%"instanceId":"${instanceId}"%`)
              .orderBy("position")
              .orderBy("id")
              .execute(),
          ),
          (rows) =>
            rows.map((raw) => {
              const row = decodeJob(raw)
              return {
                jobId: row.id,
                step: row.payload._tag,
                state: row.status,
                attempts: row.attempts,
                dueAt: row.next_attempt_at,
                lastError: row.last_error ?? undefined,
              }
            }),
        )
      : Effect.succeed([]),
  list: ({ limit }) =>
    Effect.map(
      sqlEffect("instances list", () =>
        database.db
          .selectFrom("instances")
          .selectAll()
          .orderBy("changed_at", "desc")
          .orderBy("instance_id")
          .limit(limit)
          .execute(),
      ),
      (rows) =>
        rows.map((raw) => {
          const row = decodeRow(raw)
          return {
            instanceId: row.instance_id,
            accountId: row.account_id,
            licenseId: row.license_key_hash,
            status: row.status,
            productId: row.product_id,
            attempts: row.attempts,
            changedAt: row.changed_at,
          }
        }),
    ),
})
