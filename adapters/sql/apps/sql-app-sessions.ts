import { Effect, Option, Schema } from "effect"
import type {
  AppSessionDirectoryApi,
  AppSessionSummary,
} from "../../../application/apps/app-session-directory.js"
import type { Database } from "../database.js"
import { quickSelect } from "../quick-select.js"
import { sqlEffect } from "../sql-effect.js"

const Row = Schema.Struct({
  session_id: Schema.String,
  account_id: Schema.String,
  product_id: Schema.String,
  device_name: Schema.String,
  opened_at: Schema.String,
  last_refreshed_at: Schema.String,
  ended_at: Schema.NullOr(Schema.String),
  end_reason: Schema.NullOr(Schema.String),
})
const decodeRow = Schema.decodeUnknownSync(Row)

type Row = typeof Row.Type
const isText = (value: unknown) => typeof value === "string"
const isTextOrNull = (value: unknown) => value === null || typeof value === "string"

// Every app request reads its session: a row of strings is checked by hand, anything else goes to
// the Schema, which decides (and names what is wrong).
const checkedRow = (raw: Record<string, unknown>): Row =>
  isText(raw.session_id) &&
  isText(raw.account_id) &&
  isText(raw.product_id) &&
  isText(raw.device_name) &&
  isText(raw.opened_at) &&
  isText(raw.last_refreshed_at) &&
  isTextOrNull(raw.ended_at) &&
  isTextOrNull(raw.end_reason)
    ? (raw as Row)
    : decodeRow(raw)

const toSummary = (raw: Record<string, unknown>): AppSessionSummary => {
  const row = checkedRow(raw)
  return {
    sessionId: row.session_id,
    accountId: row.account_id,
    productId: row.product_id,
    deviceName: row.device_name,
    openedAt: row.opened_at,
    lastRefreshedAt: row.last_refreshed_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    ...(row.end_reason === null ? {} : { endReason: row.end_reason }),
  }
}

const mapRows = Effect.map((rows: ReadonlyArray<Record<string, unknown>>) => rows.map(toSummary))

const columns = [
  "session_id",
  "account_id",
  "product_id",
  "device_name",
  "opened_at",
  "last_refreshed_at",
  "ended_at",
  "end_reason",
] as const

export const makeSqlAppSessionDirectory = (database: Database): AppSessionDirectoryApi => {
  const { db } = database
  // Every app request reads its session: the query is built once, then bound.
  const byId = db.selectFrom("app_sessions").select(columns).where("session_id", "=", "").compile()
  return {
    byId: (sessionId) =>
      Effect.map(quickSelect("app session", database, byId, [sessionId]), ([row]) =>
        row === undefined ? Option.none() : Option.some(toSummary(row)),
      ),
    ofAccount: (accountId, options = {}) =>
      sqlEffect("app sessions of account", () => {
        let query = db.selectFrom("app_sessions").select(columns).where("account_id", "=", accountId)
        if (options.includeEnded !== true) query = query.where("ended_at", "is", null)
        return query.orderBy("opened_at", "desc").orderBy("session_id", "desc").execute()
      }).pipe(mapRows),
    openOf: (productId, limit) =>
      sqlEffect("open app sessions of product", () =>
        db
          .selectFrom("app_sessions")
          .select(columns)
          .where("product_id", "=", productId)
          .where("ended_at", "is", null)
          .orderBy("session_id")
          .limit(limit)
          .execute(),
      ).pipe(mapRows),
  }
}
