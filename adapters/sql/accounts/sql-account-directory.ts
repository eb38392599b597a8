import { Effect, Option, Schema } from "effect"
import { sql } from "kysely"
import type { AccountDirectoryApi, AccountSummary } from "../../../application/accounts/account-directory.js"
import type { Database } from "../database.js"
import { newestFirstPage } from "../newest-first-page.js"
import { quickSelect } from "../quick-select.js"
import { sqlEffect } from "../sql-effect.js"

const AccountRow = Schema.Struct({
  account_id: Schema.String,
  kind: Schema.Literal("business", "personal"),
  login_id: Schema.String,
  email: Schema.String,
  company_name: Schema.String,
  contact_name: Schema.String,
  language: Schema.Literal("ja", "en"),
  time_zone: Schema.String,
  registered_at: Schema.String,
  updated_at: Schema.String,
})
const decodeRow = Schema.decodeUnknownSync(AccountRow)

const toSummary = (raw: unknown): AccountSummary => {
  const row = decodeRow(raw)
  return {
    accountId: row.account_id,
    kind: row.kind,
    loginId: row.login_id,
    email: row.email,
    companyName: row.company_name,
    contactName: row.contact_name,
    language: row.language,
    timeZone: row.time_zone,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
  }
}

const columns = [
  "account_id",
  "kind",
  "login_id",
  "email",
  "company_name",
  "contact_name",
  "language",
  "time_zone",
  "registered_at",
  "updated_at",
] as const

export const makeSqlAccountDirectory = (database: Database): AccountDirectoryApi => {
  const { db } = database
  const accounts = () => db.selectFrom("accounts").select(columns)
  // Every licence list reads its account's time zone: built once, then bound.
  const byIdQuery = accounts().where("account_id", "=", "").compile()
  const one = (operation: string, run: () => Promise<unknown>) =>
    sqlEffect(operation, async () => {
      const row = await run()
      return row === undefined ? Option.none() : Option.some(toSummary(row))
    })
  return {
    byLoginIdKey: (key) =>
      one("account by login ID", () => accounts().where("login_id_key", "=", key).executeTakeFirst()),
    byId: (accountId) =>
      Effect.map(quickSelect("account by id", database, byIdQuery, [accountId]), ([row]) =>
        row === undefined ? Option.none() : Option.some(toSummary(row)),
      ),
    byEmail: (email) =>
      sqlEffect("accounts by e-mail", async () =>
        (
          await accounts()
            .where("email_key", "=", email.trim().toLowerCase())
            .orderBy("registered_at")
            .execute()
        ).map(toSummary),
      ),
    accountForResetToken: (tokenDigest) =>
      sqlEffect("account by reset token", async () => {
        const row = await db
          .selectFrom("password_resets")
          .select("account_id")
          .where("token_digest", "=", tokenDigest)
          .executeTakeFirst()
        return Option.fromNullable(row?.account_id as string | undefined)
      }),
    list: ({ search, after, limit }) =>
      Effect.map(
        newestFirstPage(
          "accounts list",
          {
            rows: () => {
              const all = db.selectFrom("accounts")
              if (!search) return all
              const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
              // SQLite has no default LIKE escape character: name it, so `_` and `%` match themselves.
              const like = (column: string) =>
                sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
              return all.where((w) => w.or([like("login_id"), like("email_key"), like("company_name")]))
            },
            columns: (rows) => rows.select(columns),
            sortedBy: "registered_at",
            id: "account_id",
            idOf: (row) => String(row.account_id),
          },
          { after, limit },
        ),
        (page) => ({ ...page, items: page.items.map(toSummary) }),
      ),
  }
}
