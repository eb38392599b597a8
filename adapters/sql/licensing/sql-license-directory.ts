import { Effect, Option, Schema } from "effect"
import type { LicenseDirectoryApi, LicenseRecord } from "../../../application/licensing/license-directory.js"
import { ProductDetails } from "../../../domain/catalog/product.js"
import { SalesChannel } from "../../../domain/licensing/license-events.js"
import type { Database } from "../database.js"
import { newestFirstPage } from "../newest-first-page.js"
import { quickSelect, quickSelectTuples } from "../quick-select.js"
import { sqlEffect } from "../sql-effect.js"

const LicenseRow = Schema.Struct({
  key_hash: Schema.String,
  sealed_key: Schema.String,
  kind: Schema.Literal("rk", "ac"),
  product_id: Schema.String,
  /** When the product's catalogue entry last changed; null for a product not in the catalogue. */
  product_version: Schema.NullOr(Schema.String),
  package_id: Schema.String,
  seats: Schema.Number,
  license_type: Schema.Literal("full", "trial"),
  expires_on: Schema.String,
  channel: SalesChannel,
  issued_at: Schema.String,
  account_id: Schema.NullOr(Schema.String),
  registered_at: Schema.NullOr(Schema.String),
  suspended: Schema.Number,
})
const decodeRow = Schema.decodeUnknownSync(LicenseRow)
const decodeDetails = Schema.decodeUnknownSync(Schema.parseJson(ProductDetails))

// A licence list repeats a handful of products: each stored text is checked and parsed once.
// A licence list repeats a handful of products, whose entries are kilobytes of JSON: each version of
// an entry (product id and its updated_at) is read and checked once, not once per licence per request.
const detailsCache = new Map<string, ProductDetails>()
const versionKey = (row: { product_id: string; product_version: string | null }) =>
  `${row.product_id}@${row.product_version}`

type Row = typeof LicenseRow.Type
const salesChannels: ReadonlySet<unknown> = new Set(SalesChannel.literals)

// A licence list decodes 20 rows per request: rows are checked by hand first, accepting only what
// LicenseRow accepts; anything else goes to the Schema, which decides (as for event rows).
const fastRow = (raw: Record<string, unknown>): Row | undefined =>
  typeof raw.key_hash === "string" &&
  typeof raw.sealed_key === "string" &&
  (raw.kind === "rk" || raw.kind === "ac") &&
  typeof raw.product_id === "string" &&
  (raw.product_version === null || typeof raw.product_version === "string") &&
  typeof raw.package_id === "string" &&
  typeof raw.seats === "number" &&
  (raw.license_type === "full" || raw.license_type === "trial") &&
  typeof raw.expires_on === "string" &&
  salesChannels.has(raw.channel) &&
  typeof raw.issued_at === "string" &&
  (raw.account_id === null || typeof raw.account_id === "string") &&
  (raw.registered_at === null || typeof raw.registered_at === "string") &&
  typeof raw.suspended === "number"
    ? (raw as Row)
    : undefined

// The columns in the order `licenses()` selects them.
const rowOfTuple = (t: ReadonlyArray<unknown>): Record<string, unknown> => ({
  key_hash: t[0],
  sealed_key: t[1],
  kind: t[2],
  product_id: t[3],
  product_version: t[4],
  package_id: t[5],
  seats: t[6],
  license_type: t[7],
  expires_on: t[8],
  channel: t[9],
  issued_at: t[10],
  account_id: t[11],
  registered_at: t[12],
  suspended: t[13],
})

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const byRegistration = (a: Row, b: Row) =>
  compareText(a.registered_at ?? "", b.registered_at ?? "") || compareText(a.key_hash, b.key_hash)

const toRecord = (row: Row): LicenseRecord => {
  return {
    keyHash: row.key_hash,
    sealedKey: row.sealed_key,
    kind: row.kind,
    productId: row.product_id,
    product: row.product_version === null ? undefined : detailsCache.get(versionKey(row)),
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

/** A row checked by hand, or by the Schema when the hand check does not accept it. */
const checkedRow = (raw: unknown): Row => fastRow(raw as Record<string, unknown>) ?? decodeRow(raw)

export const makeSqlLicenseDirectory = (database: Database): LicenseDirectoryApi => {
  const { db } = database
  // The columns in the order `rowOfTuple` reads them, with each licence's catalogue version.
  const withColumns = <Q extends ReturnType<typeof licenseRows>>(rows: Q) =>
    rows
      .leftJoin("products as p", "p.product_id", "l.product_id")
      .select([
        "l.key_hash",
        "l.sealed_key",
        "l.kind",
        "l.product_id",
        "p.updated_at as product_version",
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
  const licenseRows = () => db.selectFrom("licenses as l")
  const licenses = () => withColumns(licenseRows())
  // Built once; each call binds its account id (the query's only parameter). Ordered by the index
  // alone; ties (keys registered in one instant) are ordered here, sparing SQLite a sort.
  const ofAccount = licenses().where("l.account_id", "=", "").orderBy("l.registered_at").compile()
  const productQuery = db.selectFrom("products").select("details").where("product_id", "=", "").compile()
  // The account's row, its licences' index entries, and the (small) catalogue: one statement.
  const contextQuery = db
    .selectFrom("accounts as a")
    .select((e) => [
      "a.time_zone",
      e
        .selectFrom("licenses as l")
        .whereRef("l.account_id", "=", "a.account_id")
        .select((l) => l.fn.countAll().as("n"))
        .as("licenses"),
      e
        .selectFrom("licenses as l")
        .whereRef("l.account_id", "=", "a.account_id")
        .select((l) => l.fn.max("changed_position").as("p"))
        .as("changed"),
      e
        .selectFrom("products")
        .select((p) => p.fn.max("updated_at").as("u"))
        .as("catalog"),
    ])
    .where("a.account_id", "=", "")
    .compile()

  /**
   * Checks the rows, reads the catalogue entries not seen in this version yet, and builds the
   * records; without leaving the current tick when every entry is known.
   */
  const recordsOf = (raws: ReadonlyArray<unknown>): Effect.Effect<Array<LicenseRecord>> =>
    withProducts(raws.map(checkedRow))

  const withProducts = (rows: ReadonlyArray<Row>): Effect.Effect<Array<LicenseRecord>> => {
    // One read per catalogue entry, however many of the licences name it.
    const missing = [
      ...new Map(
        rows
          .filter((row) => row.product_version !== null && !detailsCache.has(versionKey(row)))
          .map((row) => [versionKey(row), row]),
      ).values(),
    ]
    if (missing.length === 0) return Effect.succeed(rows.map(toRecord))
    // The records are built once the entries are in: building them first would leave these out.
    return Effect.map(
      Effect.forEach(missing, (row) =>
        Effect.map(quickSelect("product details", database, productQuery, [row.product_id]), ([found]) => {
          if (!found || detailsCache.has(versionKey(row))) return
          if (detailsCache.size >= 1000) detailsCache.clear()
          detailsCache.set(versionKey(row), decodeDetails(found.details))
        }),
      ),
      () => rows.map(toRecord),
    )
  }

  return {
    listContext: (accountId) =>
      Effect.map(quickSelectTuples("licence list context", database, contextQuery, [accountId]), ([row]) =>
        row === undefined
          ? Option.none()
          : Option.some({ timeZone: String(row[0]), version: row.map(String).join("|") }),
      ),
    forAccount: (accountId) =>
      Effect.flatMap(quickSelectTuples("licences of account", database, ofAccount, [accountId]), (tuples) => {
        const rows = tuples.map((tuple) => checkedRow(rowOfTuple(tuple)))
        rows.sort(byRegistration)
        return withProducts(rows)
      }),
    byKeyHash: (keyHash) =>
      sqlEffect("licence by key", () => licenses().where("l.key_hash", "=", keyHash).execute()).pipe(
        Effect.flatMap(recordsOf),
        Effect.map(([record]) => Option.fromNullable(record)),
      ),
    holdersOf: (productId, { after, limit }) =>
      sqlEffect("licence holders", async () => {
        let query = database.db
          .selectFrom("licenses")
          .select("account_id")
          .distinct()
          .where("product_id", "=", productId)
          .where("account_id", "is not", null)
        if (after !== undefined) query = query.where("account_id", ">", after)
        const rows = await query.orderBy("account_id").limit(limit).execute()
        return rows.map((row) => String(row.account_id))
      }),
    list: ({ accountId, after, limit }) =>
      newestFirstPage(
        "licences list",
        {
          rows: () => (accountId ? licenseRows().where("l.account_id", "=", accountId) : licenseRows()),
          columns: withColumns,
          sortedBy: "l.issued_at",
          id: "l.key_hash",
          idOf: (row: { readonly key_hash: string }) => row.key_hash,
        },
        { after, limit },
      ).pipe(Effect.flatMap((page) => Effect.map(recordsOf(page.items), (items) => ({ ...page, items })))),
  }
}
