import { appSessionCodec } from "../../../domain/apps/app-session.js"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(appSessionCodec)
const streamPrefix = "app-session-"

/**
 * Every app session, open or ended: the account's devices page and support list them, and the
 * sunset's last job finds a product's open ones here. No token digest is copied: a refresh reads
 * its own stream, so the read model never has to be trusted with one.
 */
export const appSessionsProjection: Projection = {
  name: "app_sessions",
  version: 1,
  eventTypes: appSessionCodec.types,
  tables: [{ name: "app_sessions", key: ["session_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("app_sessions")
      .ifNotExists()
      .addColumn("session_id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("product_id", "text", (c) => c.notNull())
      .addColumn("device_name", "text", (c) => c.notNull())
      .addColumn("opened_at", "text", (c) => c.notNull())
      .addColumn("last_refreshed_at", "text", (c) => c.notNull())
      .addColumn("ended_at", "text")
      .addColumn("end_reason", "text")
      .execute()
    await db.schema
      .createIndex("app_sessions_by_product")
      .ifNotExists()
      .on("app_sessions")
      .columns(["product_id", "ended_at"])
      .execute()
    await db.schema
      .createIndex("app_sessions_by_account")
      .ifNotExists()
      .on("app_sessions")
      .columns(["account_id", "opened_at"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("app_sessions").ifExists().execute()
  },
  apply: async (db, recorded: RecordedEvent) => {
    const sessionId = recorded.streamId.slice(streamPrefix.length)
    const event = decode(recorded)
    switch (event._tag) {
      case "AppSessionOpened":
        await db
          .insertInto("app_sessions")
          .values({
            session_id: sessionId,
            account_id: event.accountId,
            product_id: event.productId,
            device_name: event.deviceName,
            opened_at: event.at,
            last_refreshed_at: event.at,
          })
          .onConflict((c) => c.column("session_id").doNothing())
          .execute()
        return
      case "AppSessionRefreshed":
        await db
          .updateTable("app_sessions")
          .set({ last_refreshed_at: event.at })
          .where("session_id", "=", sessionId)
          .execute()
        return
      case "RefreshTokenReuseDetected":
        return
      case "AppSessionEnded":
        await db
          .updateTable("app_sessions")
          .set({ ended_at: event.at, end_reason: event.reason })
          .where("session_id", "=", sessionId)
          .execute()
        return
    }
  },
}
