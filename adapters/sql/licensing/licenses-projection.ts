import { type Kysely, sql } from "kysely"
import { licenseCodec } from "../../../domain/licensing/license.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"
import type { AnyTables } from "../schema.js"

const decode = decodeWith(licenseCodec)

interface Switched {
  readonly keyHash: string
  readonly productId: string
  readonly position: number
}

// Three parameters a licence, a few hundred licences a statement: within both databases' limits.
const switchesPerUpdate = 500

/** Licences' new products, each with the position that changed it. */
const switchProducts = async (db: Kysely<AnyTables>, switched: ReadonlyArray<Switched>) => {
  for (let from = 0; from < switched.length; from += switchesPerUpdate) {
    const values = switched
      .slice(from, from + switchesPerUpdate)
      .map((s) => sql`(${s.keyHash}, ${s.productId}, cast(${s.position} as bigint))`)
    await sql`with v (key_hash, product_id, changed_position) as (values ${sql.join(values)})
      update licenses set product_id = v.product_id, changed_position = v.changed_position
      from v where licenses.key_hash = v.key_hash`.execute(db)
  }
}

/** Every issued key and, once registered, its account: the licence list and the support views read it. */
export const licensesProjection: Projection = {
  name: "licenses",
  // 2: changed_position, which the licence list's cache compares. 3: cancelled_on, and the channel
  // support corrects (a switch plan reads both). 4: a switched licence shows its new product. 5: the
  // product a key registered as, when a switch plan made it its target (an unused Password Manager
  // key registered as ID Protection).
  version: 5,
  eventTypes: licenseCodec.types,
  tables: [{ name: "licenses", key: ["key_hash"] }],
  create: async (db) => {
    await db.schema
      .createTable("licenses")
      .ifNotExists()
      .addColumn("key_hash", "text", (c) => c.primaryKey())
      .addColumn("sealed_key", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("product_id", "text", (c) => c.notNull())
      .addColumn("package_id", "text", (c) => c.notNull())
      .addColumn("seats", "integer", (c) => c.notNull())
      .addColumn("license_type", "text", (c) => c.notNull())
      .addColumn("expires_on", "text", (c) => c.notNull())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("batch_id", "text", (c) => c.notNull())
      .addColumn("issued_at", "text", (c) => c.notNull())
      .addColumn("account_id", "text")
      .addColumn("registered_at", "text")
      .addColumn("suspended", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("cancelled_on", "text")
      // The position of the last event that changed the row: the account's list changed when the
      // highest of its rows' did (or their count).
      .addColumn("changed_position", "bigint", (c) => c.notNull())
      .execute()
    // Covers both the list (ordered by registration) and its version (count and highest position).
    await db.schema
      .createIndex("licenses_account_idx")
      .ifNotExists()
      .on("licenses")
      .columns(["account_id", "registered_at", "changed_position"])
      .execute()
    // Support's list pages newest issued first by keyset (issued_at, key_hash); added where missing
    // at start, like every index here (it changes no row, so the projection keeps its version).
    await db.schema
      .createIndex("licenses_issued_idx")
      .ifNotExists()
      .on("licenses")
      .columns(["issued_at", "key_hash"])
      .execute()
    // The holders of a product, by account, for the notice of its end.
    await db.schema
      .createIndex("licenses_product_holder_idx")
      .ifNotExists()
      .on("licenses")
      .columns(["product_id", "account_id"])
      .execute()
    // A switch plan's sources: a product's licences by licence id, a page at a time.
    await db.schema
      .createIndex("licenses_product_key_idx")
      .ifNotExists()
      .on("licenses")
      .columns(["product_id", "key_hash"])
      .execute()
    await db.schema
      .createIndex("licenses_batch_idx")
      .ifNotExists()
      .on("licenses")
      .column("batch_id")
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("licenses").ifExists().execute()
  },
  apply: async (db, recorded) => {
    const event = decode(recorded)
    const keyHash = recorded.streamId.slice("license-".length)
    const changed_position = recorded.position
    const update = (set: Readonly<Record<string, string | number>>) =>
      db
        .updateTable("licenses")
        .set({ ...set, changed_position })
        .where("key_hash", "=", keyHash)
        .execute()
    switch (event._tag) {
      case "LicenseKeyIssued":
        await db
          .insertInto("licenses")
          .values({
            key_hash: keyHash,
            sealed_key: event.sealedKey,
            kind: event.kind,
            product_id: event.productId,
            package_id: event.packageId,
            seats: event.seats,
            license_type: event.licenseType,
            expires_on: event.expiresOn,
            channel: event.channel,
            batch_id: event.batchId,
            issued_at: event.at,
            account_id: null,
            registered_at: null,
            suspended: 0,
            changed_position,
          })
          .execute()
        return
      case "LicenseRegistered":
        await update({
          account_id: event.accountId,
          registered_at: event.at,
          ...(event.productId === undefined ? {} : { product_id: event.productId }),
        })
        return
      case "LicenseRenewed":
        await update({ expires_on: event.expiresOn })
        return
      case "LicenseSuspended":
        await update({ suspended: 1 })
        return
      case "LicenseReinstated":
        await update({ suspended: 0 })
        return
      case "LicenseChannelChanged":
        await update({ channel: event.channel })
        return
      case "LicenseCancellationRecorded":
        await update({ cancelled_on: event.cancelledOn })
        return
      case "ProductSwitched":
        await switchProducts(db, [{ keyHash, productId: event.productId, position: changed_position }])
        return
      case "LicenseNotSwitched":
        return
    }
  },
  // A switch batch is hundreds of ProductSwitched: their new products in one statement. Each event
  // changes its own licence's row only, so the others may go first, unless they are of a licence
  // whose switch waits.
  applyAll: async (db, events) => {
    let switched: Array<Switched> = []
    const keys = new Set<string>()
    const flush = async () => {
      await switchProducts(db, switched)
      switched = []
      keys.clear()
    }
    for (const recorded of events) {
      const keyHash = recorded.streamId.slice("license-".length)
      if (keys.has(keyHash)) await flush()
      const event = recorded.type === "ProductSwitched" ? decode(recorded) : undefined
      if (event?._tag === "ProductSwitched") {
        keys.add(keyHash)
        switched.push({ keyHash, productId: event.productId, position: recorded.position })
      } else await licensesProjection.apply(db, recorded)
    }
    await flush()
  },
}
