import { accountCodec } from "../../../domain/accounts/account.js"
import { loginIdKey } from "../../../domain/accounts/login-id.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(accountCodec)

const insertAccount = (
  db: Parameters<Projection["apply"]>[0],
  account: {
    readonly kind: "business" | "personal"
    readonly accountId: string
    readonly loginId: string
    readonly email: string
    readonly companyName: string
    readonly contactName: string
    readonly language: string
    readonly timeZone: string
    readonly at: string
  },
) =>
  db
    .insertInto("accounts")
    .values({
      account_id: account.accountId,
      kind: account.kind,
      login_id: account.loginId,
      login_id_key: loginIdKey(account.loginId),
      email: account.email,
      email_key: account.email.toLowerCase(),
      company_name: account.companyName,
      contact_name: account.contactName,
      language: account.language,
      time_zone: account.timeZone,
      registered_at: account.at,
      updated_at: account.at,
    })
    .execute()

/** Accounts for look-ups (login, password reset by e-mail) and the support views. */
export const accountsProjection: Projection = {
  name: "accounts",
  // 2: the account's kind, and personal accounts. 3: a business account's sign-in name becomes its
  // primary user account's address.
  version: 3,
  eventTypes: accountCodec.types,
  tables: [
    { name: "accounts", key: ["account_id"] },
    { name: "password_resets", key: ["token_digest"] },
  ],
  create: async (db) => {
    await db.schema
      .createTable("accounts")
      .ifNotExists()
      .addColumn("account_id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("login_id", "text", (c) => c.notNull())
      .addColumn("login_id_key", "text", (c) => c.notNull().unique())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("email_key", "text", (c) => c.notNull())
      .addColumn("company_name", "text", (c) => c.notNull())
      .addColumn("contact_name", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("registered_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute()
    // Digests of the pending reset links' tokens, so a link finds its account; one per account.
    await db.schema
      .createTable("password_resets")
      .ifNotExists()
      .addColumn("token_digest", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull().unique())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute()
    // Support's list pages newest first by keyset (registered_at, account_id). An index changes no
    // row, so it needs no new version: `create` runs at every start and adds it where it is missing.
    await db.schema
      .createIndex("accounts_registered_idx")
      .ifNotExists()
      .on("accounts")
      .columns(["registered_at", "account_id"])
      .execute()
    await db.schema
      .createIndex("accounts_email_idx")
      .ifNotExists()
      .on("accounts")
      .column("email_key")
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("password_resets").ifExists().execute()
    await db.schema.dropTable("accounts").ifExists().execute()
  },
  apply: async (db, recorded) => {
    const event = decode(recorded)
    const accountId = recorded.streamId.slice("account-".length)
    const where = db.updateTable("accounts").where("account_id", "=", accountId)
    switch (event._tag) {
      case "AccountRegistered":
        await insertAccount(db, {
          ...event,
          kind: "business",
          email: event.user.email,
          companyName: event.contractor.companyName,
          contactName: event.user.contactName,
        })
        return
      case "PersonalAccountRegistered":
        // The address is its login ID; a person has no company or contact name.
        await insertAccount(db, {
          kind: "personal",
          loginId: event.email,
          companyName: "",
          contactName: "",
          ...event,
        })
        return
      case "UserDetailsChanged":
        await where
          .set({
            email: event.user.email,
            email_key: event.user.email.toLowerCase(),
            contact_name: event.user.contactName,
            updated_at: event.at,
          })
          .execute()
        return
      case "ContractorChanged":
        await where.set({ company_name: event.contractor.companyName, updated_at: event.at }).execute()
        return
      case "PasswordResetRequested":
        await db.deleteFrom("password_resets").where("account_id", "=", accountId).execute()
        await db
          .insertInto("password_resets")
          .values({ token_digest: event.tokenDigest, account_id: accountId, expires_at: event.expiresAt })
          .execute()
        return
      case "PrimaryUserAccountAssigned":
        // Sign-in looks the account up by this key: from now on the address, no longer the login ID.
        await db.deleteFrom("password_resets").where("account_id", "=", accountId).execute()
        await where
          .set({ login_id: event.email, login_id_key: loginIdKey(event.email), updated_at: event.at })
          .execute()
        return
      case "PasswordChanged":
        await db.deleteFrom("password_resets").where("account_id", "=", accountId).execute()
        await where.set({ updated_at: event.at }).execute()
        return
      default:
        await where.set({ updated_at: event.at }).execute()
    }
  },
}
