import { Effect, Random, Schema } from "effect"
import type { ConsoleFaultSettingsApi, FaultStep } from "../../../application/instances/console-faults.js"
import {
  type ConsoleCall,
  type ConsolePortApi,
  ConsoleUnavailable,
  type StartUpdateAnswer,
} from "../../../application/instances/console-port.js"
import { now } from "../../../application/platform/now.js"
import type { ConsoleUser } from "../../../domain/instances/instance-events.js"
import { Instant, instantFromMillis, toMillis } from "../../../domain/kernel/index.js"
import type { Database } from "../database.js"
import { sqlEffect } from "../sql-effect.js"
import { makeSqlConsoleFaultSettings } from "./sql-console-faults.js"

/** How long the simulated console takes, and how long its temporary problem lasts. */
export interface SimulatedConsoleTimes {
  readonly provisionSeconds: number
  readonly updateSeconds: number
  readonly retryAfterSeconds: number
}

/** The users an Apex One console has, as STEP 1's table lists them: seeded at registration. */
export const simulatedConsoleUsers: ReadonlyArray<ConsoleUser> = [
  { userName: "admin", displayName: "Administrator", role: "Master Administrator" },
  { userName: "operator01", displayName: "Operator 01", role: "Operator" },
  { userName: "auditor01", displayName: "Auditor 01", role: "Read Only" },
]

// The SQL boundary: the rows it reads back are checked.
const InstanceRow = Schema.Struct({
  instance_id: Schema.String,
  provision_started_at: Instant,
  update_attempt: Schema.NullOr(Schema.Number),
  update_started_at: Schema.NullOr(Instant),
})
const StoredAnswer = Schema.parseJson(
  Schema.Union(
    Schema.TaggedStruct("Started", {}),
    Schema.TaggedStruct("TemporaryProblem", { reason: Schema.String, retryAt: Instant }),
  ),
)
const decodeInstance = Schema.decodeUnknownSync(InstanceRow)
const decodeAnswer = Schema.decodeUnknownSync(StoredAnswer)

/** A claimed key whose answer is still being worked out. */
const pending = "pending"
const temporaryProblem = "一時的な問題が発生しました。しばらくしてからもう一度お試しください。"

/**
 * The console port over the simulated console's own tables: provisioning and the update take the
 * configured time from the first call, and an update's start takes the next answer of the fault
 * script (or the failure rate after it). An answer, once given for a key, is given again for it.
 */
export const makeSimulatedConsole = (
  database: Database,
  times: SimulatedConsoleTimes,
  faults: ConsoleFaultSettingsApi = makeSqlConsoleFaultSettings(database),
): ConsolePortApi => {
  const { db } = database
  const instanceRow = (instanceId: string) =>
    sqlEffect("simulated console read", () =>
      db
        .selectFrom("sim_console_instances")
        .selectAll()
        .where("instance_id", "=", instanceId)
        .executeTakeFirst(),
    ).pipe(Effect.map((row) => (row === undefined ? undefined : decodeInstance(row))))

  const ensureInstance = (instanceId: string) =>
    Effect.gen(function* () {
      const at = yield* now
      yield* sqlEffect("simulated console provision", () =>
        db
          .insertInto("sim_console_instances")
          .values({
            instance_id: instanceId,
            provision_started_at: at,
            update_attempt: null,
            update_started_at: null,
          })
          .onConflict((oc) => oc.column("instance_id").doNothing())
          .execute(),
      )
      const row = yield* instanceRow(instanceId)
      if (row === undefined) return yield* Effect.dieMessage("simulated console lost its row")
      return row
    })

  const nextStep = Effect.gen(function* () {
    const settings = yield* faults.read
    const scripted: FaultStep | undefined = settings.script[settings.position]
    if (scripted !== undefined) {
      yield* faults.advance(settings.position)
      return scripted
    }
    return (yield* Random.next) < settings.failureRate ? ("fail" as const) : ("ok" as const)
  })

  const storedAnswer = (key: string) =>
    Effect.map(
      sqlEffect("simulated console call", () =>
        db
          .selectFrom("sim_console_calls")
          .select("answer")
          .where("idempotency_key", "=", key)
          .executeTakeFirst(),
      ),
      (row) => row?.answer,
    )

  // Another call holds the key: its answer, once written (a real pause: the test clock may stand still).
  const answerOfOther = (key: string) =>
    Effect.gen(function* () {
      for (let tries = 0; tries < 250; tries++) {
        const answer = yield* storedAnswer(key)
        if (answer === undefined) break
        if (answer !== pending) return decodeAnswer(answer) as StartUpdateAnswer
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
      }
      return yield* new ConsoleUnavailable({ reason: "the simulated console is busy with this call" })
    })

  // The key is claimed before a step of the script is taken, so two racing calls with one key take
  // one step and give one answer; a call that finds the console down gives its claim back.
  const startUpdate = (call: ConsoleCall & { readonly attempt: number }) =>
    Effect.gen(function* () {
      const key = call.idempotencyKey
      const at = yield* now
      const claimed = yield* sqlEffect("simulated console claim", () =>
        db
          .insertInto("sim_console_calls")
          .values({ idempotency_key: key, instance_id: call.instanceId, answer: pending, created_at: at })
          .onConflict((oc) => oc.column("idempotency_key").doNothing())
          .executeTakeFirst(),
      )
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return yield* answerOfOther(key)
      yield* ensureInstance(call.instanceId)
      const step = yield* nextStep
      if (step === "down") {
        yield* sqlEffect("simulated console release", () =>
          db.deleteFrom("sim_console_calls").where("idempotency_key", "=", key).execute(),
        )
        return yield* new ConsoleUnavailable({ reason: "the simulated console is down" })
      }
      const answer: StartUpdateAnswer =
        step === "fail"
          ? {
              _tag: "TemporaryProblem",
              reason: temporaryProblem,
              retryAt: instantFromMillis(toMillis(at) + times.retryAfterSeconds * 1000),
            }
          : { _tag: "Started" }
      if (answer._tag === "Started")
        yield* sqlEffect("simulated console update", () =>
          db
            .updateTable("sim_console_instances")
            .set({ update_attempt: call.attempt, update_started_at: at })
            .where("instance_id", "=", call.instanceId)
            .execute(),
        )
      yield* sqlEffect("simulated console answer", () =>
        db
          .updateTable("sim_console_calls")
          .set({ answer: JSON.stringify(answer) })
          .where("idempotency_key", "=", key)
          .execute(),
      )
      return answer
    })

  return {
    provision: (call) =>
      Effect.gen(function* () {
        const row = yield* ensureInstance(call.instanceId)
        const readyAt = toMillis(row.provision_started_at) + times.provisionSeconds * 1000
        return toMillis(yield* now) >= readyAt
          ? { _tag: "Provisioned" as const }
          : { _tag: "InProgress" as const, checkAt: instantFromMillis(readyAt) }
      }),
    consoleUsers: () => Effect.succeed(simulatedConsoleUsers),
    startUpdate,
    updateStatus: (call) =>
      Effect.gen(function* () {
        const row = yield* instanceRow(call.instanceId)
        if (row?.update_started_at == null || row.update_attempt !== call.attempt)
          return yield* new ConsoleUnavailable({ reason: `no update ${call.attempt} under way` })
        const doneAt = toMillis(row.update_started_at) + times.updateSeconds * 1000
        return toMillis(yield* now) >= doneAt
          ? { _tag: "Finished" as const }
          : { _tag: "InProgress" as const, checkAt: instantFromMillis(doneAt) }
      }),
  }
}
