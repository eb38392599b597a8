import { type Kysely, sql } from "kysely"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { licenseCodec } from "../../../domain/licensing/license.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"
import type { AnyTables } from "../schema.js"

const decode = decodeWith(licenseCodec)

type Row = readonly [
  planId: string,
  licenseId: string,
  accountId: string,
  outcome: "switched" | "not-switched",
  reason: string | null,
  productId: string | null,
  expiresOn: string | null,
  decidedAt: string,
  position: number,
]

const rowOf = (recorded: RecordedEvent): Row | undefined => {
  // An upgraded product instance records its own ProductSwitched: only a licence's is a result here.
  if (!recorded.streamId.startsWith("license-")) return undefined
  const event = decode(recorded)
  const licenseId = recorded.streamId.slice("license-".length)
  switch (event._tag) {
    case "ProductSwitched":
      // A product instance's update moves its licence too; that is no switch programme's result.
      if (event.instanceId !== undefined) return undefined
      return [
        event.planId,
        licenseId,
        event.accountId,
        "switched",
        null,
        event.productId,
        event.expiresOn,
        event.at,
        recorded.position,
      ]
    case "LicenseNotSwitched":
      return [
        event.planId,
        licenseId,
        event.accountId,
        "not-switched",
        event.reason,
        null,
        null,
        event.at,
        recorded.position,
      ]
    default:
      return undefined
  }
}

// Nine parameters a row: a hundred rows stay well within both databases' limits on parameters.
const rowsPerInsert = 100

/** A switch batch's results in a statement per hundred rows, not one per licence. */
const insertResults = async (db: Kysely<AnyTables>, events: ReadonlyArray<RecordedEvent>) => {
  const rows = events.map(rowOf).filter((row) => row !== undefined)
  for (let from = 0; from < rows.length; from += rowsPerInsert) {
    const values = rows.slice(from, from + rowsPerInsert).map((row) => sql`(${sql.join(row)})`)
    await sql`insert into switch_results (plan_id, license_id, account_id, outcome, reason, product_id, expires_on, decided_at, position)
      values ${sql.join(values)}`.execute(db)
  }
}

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
  apply: async (db, recorded) => insertResults(db, [recorded]),
  applyAll: insertResults,
}
