import { Option, Schema } from "effect"
import type { LicenseDirectoryApi, LicenseRecord } from "../../../application/licensing/license-directory.js"
import { ProductDetails } from "../../../domain/catalog/product.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const LicenseRow = Schema.Struct({
  key_hash: Schema.String,
  sealed_key: Schema.String,
  kind: Schema.Literal("rk", "ac"),
  product_id: Schema.String,
  details: Schema.NullOr(Schema.parseJson(ProductDetails)),
  package_id: Schema.String,
  seats: Schema.Number,
  license_type: Schema.Literal("full", "trial"),
  expires_on: Schema.String,
  channel: Schema.String,
  issued_at: Schema.String,
  account_id: Schema.NullOr(Schema.String),
  registered_at: Schema.NullOr(Schema.String),
  suspended: Schema.Number,
})
const decodeRow = Schema.decodeUnknownSync(LicenseRow)

const toRecord = (raw: unknown): LicenseRecord => {
  const row = decodeRow(raw)
  return {
    keyHash: row.key_hash,
    sealedKey: row.sealed_key,
    kind: row.kind,
    productId: row.product_id,
    product: row.details ?? undefined,
    packageId: row.package_id,
    seats: row.seats,
    licenseType: row.license_type,
    expiresOn: row.expires_on,
    channel: row.channel,
    issuedAt: row.issued_at,
    accountId: row.account_id,
    registeredAt: row.registered_at,
    suspended: row.suspended !== 0,
  }
}

export const makeSqlLicenseDirectory = (database: Database): LicenseDirectoryApi => {
  const { db } = database
  const licenses = () =>
    db
      .selectFrom("licenses as l")
      .leftJoin("products as p", "p.product_id", "l.product_id")
      .select([
        "l.key_hash",
        "l.sealed_key",
        "l.kind",
        "l.product_id",
        "p.details",
        "l.package_id",
        "l.seats",
        "l.license_type",
        "l.expires_on",
        "l.channel",
        "l.issued_at",
        "l.account_id",
        "l.registered_at",
        "l.suspended",
      ])
  return {
    forAccount: (accountId) =>
      sqlEffect("licences of account", async () =>
        (
          await licenses()
            .where("l.account_id", "=", accountId)
            .orderBy("l.registered_at")
            .orderBy("l.key_hash")
            .execute()
        ).map(toRecord),
      ),
    byKeyHash: (keyHash) =>
      sqlEffect("licence by key", async () => {
        const row = await licenses().where("l.key_hash", "=", keyHash).executeTakeFirst()
        return row === undefined ? Option.none() : Option.some(toRecord(row))
      }),
    list: ({ accountId, limit }) =>
      sqlEffect("licences list", async () => {
        let query = licenses()
        if (accountId) query = query.where("l.account_id", "=", accountId)
        return (await query.orderBy("l.issued_at", "desc").limit(limit).execute()).map(toRecord)
      }),
  }
}
