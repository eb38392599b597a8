import { Effect, Schema } from "effect"
import type { SwitchPlanDirectoryApi } from "../../../application/switching/switch-plan-directory.js"
import { SwitchRules } from "../../../domain/switching/switch-rules.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const PlanRow = Schema.Struct({ plan_id: Schema.String, rules: Schema.parseJson(SwitchRules) })
const decodeRows = Schema.decodeUnknown(Schema.Array(PlanRow))

export const makeSqlSwitchPlanDirectory = (database: Database): SwitchPlanDirectoryApi => ({
  fromProduct: (productId) =>
    sqlEffect("switch plans from a product", () =>
      database.db
        .selectFrom("switch_plans")
        .select(["plan_id", "rules"])
        .where("from_product", "=", productId)
        .orderBy("created_position")
        .execute(),
    ).pipe(
      Effect.flatMap(decodeRows),
      // A row the projection wrote that its schema refuses is a broken read model, not a customer's mistake.
      Effect.orDie,
      Effect.map((rows) => rows.map((row) => ({ planId: row.plan_id, rules: row.rules }))),
    ),
})
