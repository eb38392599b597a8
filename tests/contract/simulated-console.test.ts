// The simulated console over its own tables, on SQLite and PostgreSQL: provisioning and the update
// take their time from the first call, the fault script gives one answer per new update attempt,
// an answer once given for an idempotency key is given again (also to a racing call, and to a
// console opened anew on the same database), and `down` is a failure of the call, not an answer.
import { Effect, Either, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeSimulatedConsole } from "../../adapters/sql/instances/simulated-console.js"
import { makeSqlConsoleFaultSettings } from "../../adapters/sql/instances/sql-console-faults.js"
import { allTargets, openTestLog } from "../support/stores.js"

const times = { provisionSeconds: 60, updateSeconds: 120, retryAfterSeconds: 30 }
type Log = Awaited<ReturnType<typeof openTestLog>>

describe.each(allTargets)("simulated console ($name)", (target) => {
  let log: Log
  beforeAll(async () => {
    log = await openTestLog(target)
  })
  afterAll(() => log.close())
  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(effect.pipe(Effect.provide(TestContext.TestContext)))
  const consoleOn = () => makeSimulatedConsole(log.database, times, makeSqlConsoleFaultSettings(log.database))

  it("provisions in its time, as any console opened on the same tables says", async () => {
    await run(
      Effect.gen(function* () {
        const call = { instanceId: "i1", idempotencyKey: "provision:i1" }
        expect(yield* consoleOn().provision(call)).toEqual({
          _tag: "InProgress",
          checkAt: "1970-01-01T00:01:00.000Z",
        })
        yield* TestClock.adjust("59 seconds")
        expect((yield* consoleOn().provision(call))._tag).toBe("InProgress")
        yield* TestClock.adjust("1 second")
        expect(yield* consoleOn().provision(call)).toEqual({ _tag: "Provisioned" })
      }),
    )
  })

  it("answers an update's start from the script, once per attempt, and finishes in its time", async () => {
    await run(
      Effect.gen(function* () {
        yield* makeSqlConsoleFaultSettings(log.database).write({
          script: ["fail", "down", "ok"],
          failureRate: 0,
        })
        const simulated = consoleOn()
        const attempt = (n: number) => ({ instanceId: "i2", attempt: n, idempotencyKey: `update:i2:${n}` })
        // Two racing calls with one key take one step of the script and get one answer.
        const [first, racing] = yield* Effect.all(
          [simulated.startUpdate(attempt(1)), consoleOn().startUpdate(attempt(1))],
          { concurrency: 2 },
        )
        expect(first).toMatchObject({ _tag: "TemporaryProblem", retryAt: "1970-01-01T00:00:30.000Z" })
        expect(racing).toEqual(first)
        expect(yield* simulated.startUpdate(attempt(1))).toEqual(first)
        const down = yield* Effect.either(simulated.startUpdate(attempt(2)))
        expect(Either.isLeft(down) && down.left._tag).toBe("ConsoleUnavailable")
        expect(yield* simulated.startUpdate(attempt(2))).toEqual({ _tag: "Started" })
        expect(yield* consoleOn().startUpdate(attempt(2))).toEqual({ _tag: "Started" })
        const status = { instanceId: "i2", attempt: 2, idempotencyKey: "update-status:i2:2" }
        expect((yield* simulated.updateStatus(status))._tag).toBe("InProgress")
        const wrong = yield* Effect.either(simulated.updateStatus({ ...status, attempt: 1 }))
        expect(Either.isLeft(wrong)).toBe(true)
        yield* TestClock.adjust("120 seconds")
        expect(yield* consoleOn().updateStatus(status)).toEqual({ _tag: "Finished" })
        // After the script, the rate: none fail at 0.
        expect(yield* simulated.startUpdate(attempt(3))).toEqual({ _tag: "Started" })
        expect(yield* makeSqlConsoleFaultSettings(log.database).read).toEqual({
          script: ["fail", "down", "ok"],
          failureRate: 0,
          position: 3,
        })
      }),
    )
  })

  it("starts with the configured faults until an operator sets others", async () => {
    const fresh = await openTestLog(target)
    try {
      const faults = makeSqlConsoleFaultSettings(fresh.database, { script: ["fail"], failureRate: 1 })
      const simulated = makeSimulatedConsole(fresh.database, times, faults)
      await run(
        Effect.gen(function* () {
          expect(yield* faults.read).toEqual({ script: ["fail"], failureRate: 1, position: 0 })
          const call = (n: number) => ({ instanceId: "i3", attempt: n, idempotencyKey: `update:i3:${n}` })
          expect((yield* simulated.startUpdate(call(1)))._tag).toBe("TemporaryProblem")
          expect((yield* simulated.startUpdate(call(2)))._tag).toBe("TemporaryProblem")
          yield* faults.write({ script: ["ok"], failureRate: 0 })
          expect((yield* simulated.startUpdate(call(3)))._tag).toBe("Started")
        }),
      )
    } finally {
      await fresh.close()
    }
  })
})
