// The one-way guard through the real saga: the `instances` job handler over the simulated console
// on an embedded database, driven by random interleavings of update requests (and retries),
// dispatch rounds, the console's temporary problems and outages, crashes between a console call
// and its record (the job abandoned, its lease left to run out), support resuming the step, and
// time passing. Whatever the order, the instance reaches connected as Standard Endpoint Protection
// at most once, never goes back, and its licence records one ProductSwitched; with the faults
// cleared and the customer trying again, it always gets there.
import { Context, Effect, FastCheck as fc, Layer, Logger, LogLevel, TestClock, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { makeSimulatedConsole } from "../../adapters/sql/instances/simulated-console.js"
import { makeSqlConsoleFaultSettings } from "../../adapters/sql/instances/sql-console-faults.js"
import { makeSqlJobQueue } from "../../adapters/sql/jobs/sql-job-queue.js"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { AccountSettings } from "../../application/accounts/account-settings.js"
import { loadAggregate, runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import type { FaultStep } from "../../application/instances/console-faults.js"
import { ConsolePort, idempotencyKeys } from "../../application/instances/console-port.js"
import { resumeInstance } from "../../application/instances/instance-actions.js"
import { instanceChannel, instanceJob } from "../../application/instances/instance-channel.js"
import { instanceJobHandler } from "../../application/instances/instance-saga.js"
import { dispatchDue } from "../../application/jobs/dispatch.js"
import { readPayload } from "../../application/jobs/job-channel.js"
import { JobHandlersLive } from "../../application/jobs/job-handler.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { MailTransport } from "../../application/mail/mail-transport.js"
import { now } from "../../application/platform/now.js"
import { type InstanceCommand, instance, instanceStreamId } from "../../domain/instances/instance.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"

const id = "cd".repeat(32)
const metadata = { actor: { kind: "system" as const, id: "property" } }
const acceptances = {
  licenseAgreement: true,
  privacyNotice: true,
  dataCollectionNotice: true,
  acknowledged: true,
}

type Step =
  | { readonly _tag: "request" }
  | { readonly _tag: "dispatch" }
  | { readonly _tag: "crash" }
  | { readonly _tag: "resume" }
  | { readonly _tag: "faults"; readonly script: ReadonlyArray<FaultStep> }
  | { readonly _tag: "wait"; readonly seconds: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ _tag: "request" as const }) },
  { weight: 4, arbitrary: fc.constant({ _tag: "dispatch" as const }) },
  { weight: 2, arbitrary: fc.constant({ _tag: "crash" as const }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "resume" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.constantFrom<FaultStep>("ok", "fail", "fail", "down"), { maxLength: 4 })
      .map((script) => ({ _tag: "faults" as const, script })),
  },
  {
    weight: 3,
    arbitrary: fc.integer({ min: 1, max: 90 }).map((seconds) => ({ _tag: "wait" as const, seconds })),
  },
)

const times = { provisionSeconds: 0, updateSeconds: 5, retryAfterSeconds: 15 }

/** One script on a fresh embedded database; answers what happened, to be checked. */
const runScript = async ({
  initial,
  steps,
}: {
  initial: ReadonlyArray<FaultStep>
  steps: ReadonlyArray<Step>
}) => {
  const log = await openSqlEventLog("sqlite::memory:")
  const faults = makeSqlConsoleFaultSettings(log.database)
  const services = Context.make(EventStore, log.store).pipe(
    Context.add(JobQueue, makeSqlJobQueue(log.database)),
    Context.add(ConsolePort, makeSimulatedConsole(log.database, times, faults)),
    Context.add(MailTransport, "file"),
    // The account is not written: the saga's mails find no one to tell, which it allows.
    Context.add(AccountSettings, {} as Context.Tag.Service<typeof AccountSettings>),
  )
  const layer = JobHandlersLive(instanceJobHandler).pipe(Layer.provideMerge(Layer.succeedContext(services)))
  const seen: Array<string> = []
  const tagsOf = (stream: string) =>
    Effect.map(
      Effect.flatMap(EventStore, (store) => store.readStream(stream)),
      (rows) => rows.map((r) => r.type),
    )
  const states: Array<string> = []
  const observe = Effect.gen(function* () {
    states.push((yield* loadAggregate(instance, instanceStreamId(id))).state._tag)
  })
  const request = Effect.gen(function* () {
    const at = yield* now
    const command: InstanceCommand = {
      _tag: "RequestUpdate",
      acceptances,
      licenceExpiresOn: "2099-12-31",
      today: at.slice(0, 10),
      at,
    }
    // As the use case writes it: the attempt's first step with the request.
    yield* Effect.either(
      runCommand(instance, instanceStreamId(id), command, {
        metadata,
        outbox: (events) =>
          events.flatMap((e) =>
            e._tag === "UpdateRequested"
              ? [instanceJob({ _tag: "StartUpdate", instanceId: id, attempt: e.attempt })]
              : [],
          ),
      }),
    )
  })
  // A process that claimed a job and asked the console, then died before recording anything.
  const crash = Effect.gen(function* () {
    const queue = yield* JobQueue
    const [job] = yield* queue.claimDue({
      now: yield* now,
      channels: ["instances"],
      limit: 1,
      leaseMillis: 60_000,
    })
    if (job === undefined) return
    const payload = readPayload(instanceChannel, job.payload)
    if (payload._tag === "Right" && payload.right._tag === "StartUpdate") {
      const { attempt } = payload.right
      yield* Effect.either(
        (yield* ConsolePort).startUpdate({
          instanceId: id,
          attempt,
          idempotencyKey: idempotencyKeys.startUpdate(id, attempt),
        }),
      )
    }
    seen.push("crash")
  })
  const program = Effect.gen(function* () {
    yield* TestClock.setTime(Date.UTC(2026, 11, 7, 9))
    yield* faults.write({ script: initial, failureRate: 0 })
    const at = yield* now
    yield* runCommand(
      license,
      licenseStreamId(id),
      {
        _tag: "IssueKey",
        key: {
          keyHash: id,
          sealedKey: "sealed",
          kind: "rk",
          productId: "apex-one-saas",
          packageId: "standard",
          seats: 10,
          licenseType: "full",
          expiresOn: "2099-12-31",
          channel: "direct",
          batchId: "b",
        },
        at,
      },
      { metadata },
    )
    yield* runCommand(
      license,
      licenseStreamId(id),
      { _tag: "Register", accountId: "acc", today: "2026-12-07", at },
      { metadata },
    )
    for (const command of [
      { _tag: "RequestProvisioning", accountId: "acc", licenseKeyHash: id, productId: "apex-one-saas", at },
      { _tag: "RecordProvisioned", at },
      { _tag: "IssueToken", tokenDigest: "t", expiresAt: "2026-12-07T10:00:00.000Z", at },
      { _tag: "PresentToken", tokenDigest: "t", consoleUsers: [], at },
    ] as ReadonlyArray<InstanceCommand>)
      yield* runCommand(instance, instanceStreamId(id), command, { metadata })
    for (const s of steps) {
      switch (s._tag) {
        case "request":
          yield* request
          break
        case "dispatch":
          yield* dispatchDue({})
          break
        case "crash":
          yield* crash
          break
        case "resume":
          yield* Effect.either(resumeInstance(id, metadata))
          break
        case "faults":
          yield* faults.write({ script: s.script, failureRate: 0 })
          break
        case "wait":
          yield* TestClock.adjust(`${s.seconds} seconds`)
          break
      }
      yield* observe
    }
    seen.push(...(yield* tagsOf(instanceStreamId(id))))
    // Then the faults cleared, and the customer trying again until the console has finished.
    yield* faults.write({ script: [], failureRate: 0 })
    for (let round = 0; round < 40 && states.at(-1) !== "Switched"; round++) {
      yield* request
      // Support resumes a step whose job died of outages at the ceiling.
      if (round % 5 === 4) yield* Effect.either(resumeInstance(id, metadata))
      yield* dispatchDue({})
      yield* TestClock.adjust("70 seconds")
      yield* observe
    }
    yield* TestClock.adjust("70 seconds")
    yield* dispatchDue({})
    return {
      seen,
      states,
      instance: yield* tagsOf(instanceStreamId(id)),
      licence: yield* tagsOf(licenseStreamId(id)),
    }
  })
  try {
    return await Effect.runPromise(
      program.pipe(
        Effect.provide(layer),
        Effect.provide(TestContext.TestContext),
        // The saga's warnings (a console down, still updating) are what the script asks for.
        Logger.withMinimumLogLevel(LogLevel.Error),
      ),
    )
  } finally {
    await log.close()
  }
}

const scripts = fc.record({
  // The console's answers to the first update starts.
  initial: fc.array(fc.constantFrom<FaultStep>("ok", "fail", "fail", "down"), { maxLength: 4 }),
  steps: fc.array(step, { minLength: 10, maxLength: 40 }),
})

describe("the instance saga over random interleavings", () => {
  it("meets temporary problems, crashes mid-step, resumed steps and finished updates", async () => {
    const counts = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const { seen } = await runScript(script)
        for (const tag of new Set(seen)) counts.set(tag, (counts.get(tag) ?? 0) + 1)
      }),
      { numRuns: 100 },
    )
    for (const tag of ["UpdateFailedForNow", "UpdateBegan", "InstanceSwitched", "SagaResumed", "crash"])
      expect(counts.get(tag) ?? 0, `${tag} in ${JSON.stringify([...counts])}`).toBeGreaterThanOrEqual(5)
  }, 120_000)

  it("reaches Standard Endpoint Protection exactly once, never goes back, and moves the licence once", async () => {
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const result = await runScript(script)
        expect(result.instance.filter((t) => t === "InstanceSwitched")).toHaveLength(1)
        expect(result.licence.filter((t) => t === "ProductSwitched")).toHaveLength(1)
        const first = result.states.indexOf("Switched")
        expect(first).toBeGreaterThanOrEqual(0)
        expect(result.states.slice(first).every((s) => s === "Switched")).toBe(true)
        // An attempt begun is never failed afterwards.
        const began = result.instance.indexOf("UpdateBegan")
        if (began >= 0) expect(result.instance.slice(began)).not.toContain("UpdateFailedForNow")
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
