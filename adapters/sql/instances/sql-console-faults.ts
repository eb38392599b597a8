import { Effect, Schema } from "effect"
import { type ConsoleFaultSettingsApi, ConsoleFaults } from "../../../application/instances/console-faults.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"

const FaultsRow = Schema.Struct({
  script: Schema.parseJson(ConsoleFaults.fields.script),
  position: Schema.Number,
  failure_rate: Schema.Number,
})
const decodeRow = Schema.decodeUnknownSync(FaultsRow)

/** The simulated console's fault settings: one row, none until an operator (or the config) sets them. */
export const makeSqlConsoleFaultSettings = (
  database: Database,
  initial: ConsoleFaults = { script: [], failureRate: 0 },
): ConsoleFaultSettingsApi => {
  const { db } = database
  return {
    read: Effect.map(
      sqlEffect("console faults read", () =>
        db.selectFrom("sim_console_faults").selectAll().where("id", "=", 1).executeTakeFirst(),
      ),
      (row) => {
        if (row === undefined) return { ...initial, position: 0 }
        const decoded = decodeRow(row)
        return { script: decoded.script, failureRate: decoded.failure_rate, position: decoded.position }
      },
    ),
    write: (faults) =>
      sqlEffect("console faults write", () =>
        db
          .insertInto("sim_console_faults")
          .values({
            id: 1,
            script: JSON.stringify(faults.script),
            position: 0,
            failure_rate: faults.failureRate,
          })
          .onConflict((oc) =>
            oc.column("id").doUpdateSet({
              script: JSON.stringify(faults.script),
              position: 0,
              failure_rate: faults.failureRate,
            }),
          )
          .execute(),
      ),
    // Only from the position read: two consoles racing for one step take it once.
    advance: (from) =>
      sqlEffect("console faults advance", async () => {
        const row = await db
          .selectFrom("sim_console_faults")
          .select("id")
          .where("id", "=", 1)
          .executeTakeFirst()
        if (row === undefined)
          await db
            .insertInto("sim_console_faults")
            .values({
              id: 1,
              script: JSON.stringify(initial.script),
              position: from + 1,
              failure_rate: initial.failureRate,
            })
            .onConflict((oc) => oc.doNothing())
            .execute()
        else
          await db
            .updateTable("sim_console_faults")
            .set({ position: from + 1 })
            .where("id", "=", 1)
            .where("position", "=", from)
            .execute()
      }),
  }
}
