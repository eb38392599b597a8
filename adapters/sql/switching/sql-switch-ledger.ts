import { Schema } from "effect"
import type { SwitchLedgerApi, SwitchResult } from "../../../application/switching/switch-ledger.js"
import { NotSwitchedReason, SalesChannel } from "../../../domain/licensing/license-events.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const Count = Schema.Union(Schema.Number, Schema.BigIntFromSelf, Schema.String)
const toNumber = (value: typeof Count.Type) => Number(value)

const SourceRow = Schema.Struct({
  key_hash: Schema.String,
  account_id: Schema.String,
  time_zone: Schema.String,
  channel: SalesChannel,
  cancelled_on: Schema.NullOr(Schema.String),
  expires_on: Schema.String,
  suspended: Count,
})
const decodeSource = Schema.decodeUnknownSync(SourceRow)

const ResultRow = Schema.Struct({
  plan_id: Schema.String,
  license_id: Schema.String,
  account_id: Schema.String,
  outcome: Schema.Literal("switched", "not-switched"),
  reason: Schema.NullOr(NotSwitchedReason),
  product_id: Schema.NullOr(Schema.String),
  expires_on: Schema.NullOr(Schema.String),
  decided_at: Schema.String,
})
const decodeResult = Schema.decodeUnknownSync(ResultRow)

const PaidRow = Schema.Struct({ account_id: Schema.String, channel: SalesChannel, expires_on: Schema.String })
const decodePaid = Schema.decodeUnknownSync(PaidRow)

const decodeImports = Schema.decodeUnknownSync(Schema.Struct({ accounts: Count, items: Count }))

const CountRow = Schema.Struct({ key: Schema.NullOr(Schema.String), n: Count })
const decodeCount = Schema.decodeUnknownSync(CountRow)

const resultOf = (raw: unknown): SwitchResult => {
  const row = decodeResult(raw)
  const base = {
    planId: row.plan_id,
    licenseId: row.license_id,
    accountId: row.account_id,
    decidedAt: row.decided_at,
  }
  if (row.outcome === "switched" && row.product_id !== null && row.expires_on !== null) {
    return { ...base, outcome: "switched", productId: row.product_id, expiresOn: row.expires_on }
  }
  if (row.outcome === "not-switched" && row.reason !== null)
    return { ...base, outcome: "not-switched", reason: row.reason }
  throw new Error(`switch result ${row.plan_id}/${row.license_id} is incomplete`)
}

const resultColumns = [
  "plan_id",
  "license_id",
  "account_id",
  "outcome",
  "reason",
  "product_id",
  "expires_on",
  "decided_at",
] as const

export const makeSqlSwitchLedger = (database: Database): SwitchLedgerApi => {
  const { db } = database
  // A product's registered licences with their owner's zone; `undecidedBy` leaves out what that plan
  // has decided (the switch_results primary key answers it).
  const sourceRows = (productId: string, undecidedBy: string | undefined) => {
    let query = db
      .selectFrom("licenses as l")
      .innerJoin("accounts as a", "a.account_id", "l.account_id")
      .where("l.product_id", "=", productId)
    if (undecidedBy !== undefined) {
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("switch_results as r")
              .select("r.license_id")
              .where("r.plan_id", "=", undecidedBy)
              .whereRef("r.license_id", "=", "l.key_hash"),
          ),
        ),
      )
    }
    return query
  }
  return {
    sources: (productId, { after, limit, undecidedBy }) =>
      sqlEffect("switch sources", async () => {
        let query = sourceRows(productId, undecidedBy).select([
          "l.key_hash",
          "l.account_id",
          "a.time_zone",
          "l.channel",
          "l.cancelled_on",
          "l.expires_on",
          "l.suspended",
        ])
        if (after !== undefined) query = query.where("l.key_hash", ">", after)
        const rows = await query.orderBy("l.key_hash").limit(limit).execute()
        return rows.map((raw) => {
          const row = decodeSource(raw)
          return {
            licenseId: row.key_hash,
            accountId: row.account_id,
            timeZone: row.time_zone,
            channel: row.channel,
            ...(row.cancelled_on === null ? {} : { cancelledOn: row.cancelled_on }),
            expiresOn: row.expires_on,
            suspended: toNumber(row.suspended) === 1,
          }
        })
      }),
    undecided: (productId, planId) =>
      sqlEffect("undecided switch sources", async () => {
        const row = await sourceRows(productId, planId)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
        return toNumber(Schema.decodeUnknownSync(Count)(row.n))
      }),
    counts: (planId) =>
      sqlEffect("switch counts", async () => {
        const rows = await db
          .selectFrom("switch_results")
          .select(["outcome", "reason as key", (eb) => eb.fn.countAll().as("n")])
          .where("plan_id", "=", planId)
          .groupBy(["outcome", "reason"])
          .execute()
        let switched = 0
        const notSwitched: Partial<Record<NotSwitchedReason, number>> = {}
        for (const raw of rows) {
          const { key, n } = decodeCount(raw)
          if (key === null) switched += toNumber(n)
          else notSwitched[Schema.decodeUnknownSync(NotSwitchedReason)(key)] = toNumber(n)
        }
        return { switched, notSwitched }
      }),
    results: (planId, { after, limit }) =>
      sqlEffect("switch results", async () => {
        let query = db.selectFrom("switch_results").select(resultColumns).where("plan_id", "=", planId)
        if (after !== undefined) query = query.where("license_id", ">", after)
        return (await query.orderBy("license_id").limit(limit).execute()).map(resultOf)
      }),
    forAccount: (accountId) =>
      sqlEffect("account switch results", async () =>
        (
          await db
            .selectFrom("switch_results")
            .select(resultColumns)
            .where("account_id", "=", accountId)
            .orderBy("position")
            .execute()
        ).map(resultOf),
      ),
    paidLicences: (accountIds, productId) =>
      sqlEffect("paid licences", async () => {
        if (accountIds.length === 0) return []
        const rows = await db
          .selectFrom("licenses")
          .select(["account_id", "channel", "expires_on"])
          .where("account_id", "in", [...accountIds])
          .where("product_id", "=", productId)
          .where("license_type", "=", "full")
          .where("channel", "!=", "free")
          .where("suspended", "=", 0)
          .execute()
        return rows.map((raw) => {
          const row = decodePaid(raw)
          return { accountId: row.account_id, channel: row.channel, expiresOn: row.expires_on }
        })
      }),
    imports: (planId, { fromProduct, toProduct }) =>
      sqlEffect("switch imports", async () => {
        const row = await db
          .selectFrom("vault_imports")
          .select((eb) => [
            eb.fn.count<number>("account_id").distinct().as("accounts"),
            eb.fn.coalesce(eb.fn.sum<number>("items"), eb.lit(0)).as("items"),
          ])
          .where("product", "=", toProduct)
          .where("from_product", "=", fromProduct)
          .where(
            "account_id",
            "in",
            db.selectFrom("switch_results").select("account_id").where("plan_id", "=", planId),
          )
          .executeTakeFirstOrThrow()
        const decoded = decodeImports(row)
        return { accounts: toNumber(decoded.accounts), items: toNumber(decoded.items) }
      }),
    mails: (correlationId) =>
      sqlEffect("switch mails", async () => {
        const rows = await db
          .selectFrom("outbox")
          .select(["status as key", (eb) => eb.fn.countAll().as("n")])
          // A switch's mail waits as a notice, rendered when it is sent.
          .where("channel", "in", ["mail", "notice"])
          .where("correlation_id", "=", correlationId)
          .groupBy("status")
          .execute()
        const by = new Map(rows.map((raw) => [decodeCount(raw).key, toNumber(decodeCount(raw).n)]))
        const sent = by.get("done") ?? 0
        const waiting = by.get("pending") ?? 0
        const failed = by.get("dead") ?? 0
        return { queued: sent + waiting + failed, sent, waiting, failed }
      }),
  }
}
