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

export const makeSqlInstanceDirectory = (database: Database): InstanceDirectoryApi => ({
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
