import { instanceCodec } from "../../../domain/instances/instance.js"
import type { RecordedEvent } from "../../../domain/kernel/index.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(instanceCodec)
const streamPrefix = "instance-"

/**
 * Every product instance with its status, for support's list (`portcullis instances list`). The
 * customer's own reads fold the instance's stream; no token digest is copied here.
 */
export const instancesProjection: Projection = {
  name: "instances",
  version: 1,
  eventTypes: instanceCodec.types,
  tables: [{ name: "instances", key: ["instance_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("instances")
      .ifNotExists()
      .addColumn("instance_id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("license_key_hash", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("product_id", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("changed_at", "text", (c) => c.notNull())
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("instances").ifExists().execute()
  },
  apply: async (db, recorded: RecordedEvent) => {
    const instanceId = recorded.streamId.slice(streamPrefix.length)
    const event = decode(recorded)
    const update = (values: Record<string, string | number>) =>
      db
        .updateTable("instances")
        .set({ ...values, changed_at: event.at })
        .where("instance_id", "=", instanceId)
        .execute()
    switch (event._tag) {
      case "ProvisioningRequested":
        await db
          .insertInto("instances")
          .values({
            instance_id: instanceId,
            account_id: event.accountId,
            license_key_hash: event.licenseKeyHash,
            status: "provisioning",
            product_id: event.productId,
            attempts: 0,
            changed_at: event.at,
          })
          .onConflict((c) => c.column("instance_id").doNothing())
          .execute()
        return
      case "ConsoleProvisioned":
        await update({ status: "ready" })
        return
      case "InstanceConnected":
      case "UpdateFailedForNow":
        await update({ status: "connected" })
        return
      case "UpdateRequested":
        await update({ status: "updating", attempts: event.attempt })
        return
      case "InstanceSwitched":
        await update({ status: "connected", product_id: event.productId })
        return
      case "RegistrationTokenIssued":
      case "UpdateBegan":
      case "SagaResumed":
        return
    }
  },
}
