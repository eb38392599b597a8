import { Effect, Option, Schema } from "effect"
import { authenticationMethods, type SessionStoreApi } from "../../../application/accounts/session-store.js"
import type { Database } from "../database.js"
import { quickSelect } from "../quick-select.js"
import { sqlEffect } from "../sql-effect.js"

const SessionRow = Schema.Struct({
  session_id: Schema.String,
  account_id: Schema.String,
  created_at: Schema.String,
  last_seen_at: Schema.String,
  absolute_expires_at: Schema.String,
  authenticated_with: Schema.Literal(...authenticationMethods),
})
const decodeRow = Schema.decodeUnknownSync(SessionRow)
type SessionRow = typeof SessionRow.Type
const methods: ReadonlySet<unknown> = new Set(authenticationMethods)

// Every authenticated request reads its session: a row of five strings is checked by hand, anything
// else goes to the Schema, which decides (and names what is wrong).
const checkedRow = (raw: Record<string, unknown>): SessionRow =>
  typeof raw.session_id === "string" &&
  typeof raw.account_id === "string" &&
  typeof raw.created_at === "string" &&
  typeof raw.last_seen_at === "string" &&
  typeof raw.absolute_expires_at === "string" &&
  methods.has(raw.authenticated_with)
    ? (raw as SessionRow)
    : decodeRow(raw)

export const makeSqlSessionStore = (database: Database): SessionStoreApi => {
  const { db } = database
  // Every authenticated request looks its session up: the query is built once, then bound.
  const byDigest = db
    .selectFrom("sessions")
    .select([
      "session_id",
      "account_id",
      "created_at",
      "last_seen_at",
      "absolute_expires_at",
      "authenticated_with",
    ])
    .where("token_digest", "=", "")
    .compile()
  return {
    create: (session) =>
      sqlEffect("session create", () =>
        db
          .insertInto("sessions")
          .values({
            session_id: session.sessionId,
            token_digest: session.tokenDigest,
            account_id: session.accountId,
            created_at: session.createdAt,
            last_seen_at: session.lastSeenAt,
            absolute_expires_at: session.absoluteExpiresAt,
            authenticated_with: session.authenticatedWith,
          })
          .execute(),
      ),
    findByTokenDigest: (tokenDigest) =>
      Effect.map(quickSelect("session find", database, byDigest, [tokenDigest]), ([row]) => {
        if (!row) return Option.none()
        const checked = checkedRow(row)
        return Option.some({
          sessionId: checked.session_id,
          accountId: checked.account_id,
          createdAt: checked.created_at,
          lastSeenAt: checked.last_seen_at,
          absoluteExpiresAt: checked.absolute_expires_at,
          authenticatedWith: checked.authenticated_with,
        })
      }),
    touch: (sessionId, at) =>
      sqlEffect("session touch", () =>
        db
          .updateTable("sessions")
          .set({ last_seen_at: at })
          .where("session_id", "=", sessionId)
          // Requests of one session may finish out of order: the last use recorded only moves forward.
          .where("last_seen_at", "<", at)
          .execute(),
      ),
    end: (sessionId) =>
      sqlEffect("session end", () => db.deleteFrom("sessions").where("session_id", "=", sessionId).execute()),
    endExpired: (now, idleSince) =>
      sqlEffect("sessions prune", async () => {
        const result = await db
          .deleteFrom("sessions")
          .where((w) => w.or([w("absolute_expires_at", "<=", now), w("last_seen_at", "<=", idleSince)]))
          .executeTakeFirst()
        return Number(result.numDeletedRows)
      }),
    endAllOf: (accountId) =>
      sqlEffect("sessions end all", async () => {
        const result = await db.deleteFrom("sessions").where("account_id", "=", accountId).executeTakeFirst()
        return Number(result.numDeletedRows)
      }),
  }
}
