import { Schema } from "effect"
import { switchPlanCodec } from "../../../domain/switching/switch-plan.js"
import { SwitchRules } from "../../../domain/switching/switch-rules.js"
import { decodeWith } from "../projections/decode-with.js"
import type { Projection } from "../projections/projection.js"

const decode = decodeWith(switchPlanCodec)
const encodeRules = Schema.encodeSync(Schema.parseJson(SwitchRules))

/**
 * Every switch plan by its source product: a key's registration finds the plans from the key's
 * product here (a switch's later events on the plan's stream are not read: the rules are fixed).
 */
export const switchPlansProjection: Projection = {
  name: "switch_plans",
  version: 1,
  eventTypes: ["SwitchPlanCreated"],
  tables: [{ name: "switch_plans", key: ["plan_id"] }],
  create: async (db) => {
    await db.schema
      .createTable("switch_plans")
      .ifNotExists()
      .addColumn("plan_id", "text", (c) => c.primaryKey())
      .addColumn("from_product", "text", (c) => c.notNull())
      .addColumn("to_product", "text", (c) => c.notNull())
      .addColumn("keys_valid_from", "text", (c) => c.notNull())
      // The rules as SwitchRules encodes them: what the registration decides on.
      .addColumn("rules", "text", (c) => c.notNull())
      .addColumn("created_position", "bigint", (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex("switch_plans_from_idx")
      .ifNotExists()
      .on("switch_plans")
      .columns(["from_product", "created_position"])
      .execute()
  },
  drop: async (db) => {
    await db.schema.dropTable("switch_plans").ifExists().execute()
  },
  apply: async (db, recorded) => {
    const event = decode(recorded)
    if (event._tag !== "SwitchPlanCreated") return
    await db
      .insertInto("switch_plans")
      .values({
        plan_id: event.planId,
        from_product: event.rules.fromProduct,
        to_product: event.rules.toProduct,
        keys_valid_from: event.rules.keysValidFrom,
        rules: encodeRules(event.rules),
        created_position: recorded.position,
      })
      .execute()
  },
}
