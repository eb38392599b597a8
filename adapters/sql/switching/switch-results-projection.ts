import { sql } from "kysely"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { licenseCodec } from "../../../domain/licensing/license.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(licenseCodec)

/**
 * What each switch plan decided for each licence, one row per plan and licence: the run skips what
 * is decided, the report counts it, and a customer reads their own result here.
 */
export const switchResultsProjection: Projection = {
  name: "switch_results",
  version: 1,
  eventTypes: ["ProductSwitched", "LicenseNotSwitched"],
  tables: [{ name: "switch_results", key: ["plan_id", "license_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("switch_results")
      .ifNotExists()
      .addColumn("plan_id", "text", (c) => c.notNull())
      .addColumn("license_id", "text", (c) => c.notNull())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("product_id", "text")
      .addColumn("expires_on", "text")
      .addColumn("decided_at", "text", (c) => c.notNull())
      .addColumn("position", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("switch_results_pk", ["plan_id", "license_id"])
      .execute()
    await db.schema
      .createIndex("switch_results_account_idx")
      .ifNotExists()
      .on("switch_results")
      .columns(["account_id", "plan_id"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("switch_results").ifExists().execute()
  },
  apply: async (db, recorded: RecordedEvent) => {
    // An upgraded product instance records its own ProductSwitched: only a licence's is a result here.
    if (!recorded.streamId.startsWith("license-")) return
    const event = decode(recorded)
    const licenseId = recorded.streamId.slice("license-".length)
    // One insert per licence of a run of hundreds of thousands: the plain statement, not the builder.
    const insert = (row: {
      planId: string
      accountId: string
      outcome: "switched" | "not-switched"
      reason: string | null
      productId: string | null
      expiresOn: string | null
      at: string
    }) =>
      sql`insert into switch_results (plan_id, license_id, account_id, outcome, reason, product_id, expires_on, decided_at, position)
        values (${row.planId}, ${licenseId}, ${row.accountId}, ${row.outcome}, ${row.reason}, ${row.productId}, ${row.expiresOn}, ${row.at}, ${recorded.position})`.execute(
        db,
      )
    switch (event._tag) {
      case "ProductSwitched":
        await insert({
          planId: event.planId,
          accountId: event.accountId,
          outcome: "switched",
          reason: null,
          productId: event.productId,
          expiresOn: event.expiresOn,
          at: event.at,
        })
        return
      case "LicenseNotSwitched":
        await insert({
          planId: event.planId,
          accountId: event.accountId,
          outcome: "not-switched",
          reason: event.reason,
          productId: null,
          expiresOn: null,
          at: event.at,
        })
        return
    }
  },
}
