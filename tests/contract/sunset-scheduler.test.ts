// The sunset's scheduler in process, on the TestClock, on SQLite and PostgreSQL: the schedule and its
// jobs are written together; notices go out in batches, each holder mailed once even when a batch's
// job runs again; the gates close at the instant before anything is applied; a racing `sunset apply`
// and the job record one ServiceSunset; a due sunset whose job is lost is found by the sweep.
import { Effect, Option, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { lifecycleChannel } from "../../application/catalog/lifecycle-channel.js"
import { requireCapability } from "../../application/catalog/phase-gate.js"
import {
  applyDueSunsets,
  applySunset,
  cancelSunset,
  scheduleSunset,
  sunsetStatus,
} from "../../application/catalog/sunsets.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import { enqueue } from "../../application/jobs/job-channel.js"
import { issueKeys } from "../../application/licensing/issue-keys.js"
import { productStreamId } from "../../domain/catalog/product.js"
import { ExpectedVersion, instantFromMillis, plusMillis } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { operator, start, tagOf, useVaultApp, vaultTargets } from "../support/vault-app.js"

const day = 24 * 60 * 60 * 1000
const pm = "password-manager"

describe.each(vaultTargets)("sunset scheduler on $name", (target) => {
  const app = useVaultApp(target)

  /** `real` accounts with a Password Manager licence each, and `others` licences of unknown accounts. */
  const holders = (real: number, others: number) =>
    Effect.gen(function* () {
      const accountIds: Array<string> = []
      for (let i = 0; i < real; i++) accountIds.push(yield* app().register)
      for (let i = 0; i < others; i++) accountIds.push(`zz-holder-${String(i).padStart(5, "0")}`)
      const { keys } = yield* issueKeys(
        {
          productId: pm,
          packageId: "annual",
          seats: 1,
          licenseType: "full",
          expiresOn: "2099-12-31",
          kind: "ac",
          channel: "direct",
          count: accountIds.length,
        },
        operator,
      )
      const at = instantFromMillis(yield* TestClock.currentTimeMillis)
      yield* Effect.forEach(keys, ({ keyHash }, index) =>
        runCommand(
          license,
          licenseStreamId(keyHash),
          { _tag: "Register", accountId: accountIds[index]!, today: at.slice(0, 10), at },
          { metadata: operator },
        ),
      )
      return accountIds
    })

  const productEvents = Effect.flatMap(EventStore, (store) => store.readStream(productStreamId(pm))).pipe(
    Effect.map((events) => events.map((e) => e.type)),
  )

  it("mails every holder once, in batches, then closes the gates at the instant and records the end once", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const accounts = yield* holders(3, 998)
        const endsAt = instantFromMillis(start + 40 * day)
        const scheduled = yield* scheduleSunset(
          pm,
          { endsAt, successor: "id-protection", noticeLeadDays: 30 },
          operator,
        )
        const again = yield* scheduleSunset(
          pm,
          { endsAt, successor: "id-protection", noticeLeadDays: 30 },
          operator,
        )
        const early = yield* drainJobs()
        yield* TestClock.adjust(10 * day)
        const noticed = yield* drainJobs()
        const mails = (yield* app().mails).filter((m) => m.subject.includes("サービス提供終了"))
        // The first batch's job again, as after a crash before its completion was recorded.
        const lifecycle = Option.getOrThrow(yield* sunsetStatus(pm))
        yield* (yield* EventStore).append(
          "tally-rerun",
          [{ type: "TallyOpened", schemaVersion: 1, data: { name: "r", at: "x" } }],
          {
            expected: ExpectedVersion.noStream,
            metadata: operator,
            outbox: [
              enqueue(lifecycleChannel, { _tag: "Notice", productId: pm, scheduleId: lifecycle.scheduleId! }),
            ],
          },
        )
        yield* drainJobs()
        const mailsAfterRerun = (yield* app().mails).filter((m) => m.subject.includes("サービス提供終了"))
        const writeBefore = yield* tagOf(requireCapability(pm, "vault.write"))
        yield* TestClock.setTime(Date.parse(endsAt))
        // Ended by time at the instant, before ServiceSunset is recorded.
        const writeAt = yield* tagOf(requireCapability(pm, "vault.write"))
        const readAt = yield* tagOf(requireCapability(pm, "vault.read"))
        const exportAt = yield* tagOf(requireCapability(pm, "vault.export"))
        const signInAt = yield* tagOf(requireCapability(pm, "app.sign-in"))
        const successorAt = yield* tagOf(requireCapability("id-protection", "vault.write"))
        const statusDue = Option.getOrThrow(yield* sunsetStatus(pm))
        yield* TestClock.adjust(1000)
        // The operator's apply and the job's, racing.
        const [applied, drained] = yield* Effect.all([applySunset(pm, operator), drainJobs()], {
          concurrency: 2,
        })
        yield* drainJobs()
        const applyAgain = yield* applySunset(pm, operator)
        const statusEnded = Option.getOrThrow(yield* sunsetStatus(pm))
        return {
          accounts,
          scheduled,
          again,
          early,
          noticed,
          mails,
          mailsAfterRerun,
          writeBefore,
          writeAt,
          readAt,
          exportAt,
          signInAt,
          successorAt,
          statusDue,
          applied,
          drained,
          applyAgain,
          statusEnded,
          events: yield* productEvents,
        }
      }),
    )
    expect(result.scheduled.changed).toBe(true)
    expect(result.again.changed).toBe(false)
    expect(result.early.claimed).toBe(0)
    // 1,001 holders: pages of 500, 500 and 1; only the three real accounts have anyone to mail.
    expect(result.events.filter((t) => t === "SunsetNoticesQueued")).toHaveLength(3)
    expect(result.mails).toHaveLength(3)
    expect(new Set(result.mails.map((m) => m.to.join()))).toHaveProperty("size", 3)
    expect(result.mails[0]!.text).toContain("ID プロテクション")
    expect(result.mailsAfterRerun).toHaveLength(3)
    expect(result.writeBefore).toBe("ok")
    expect([result.writeAt, result.readAt, result.exportAt, result.signInAt]).toEqual([
      "ProductReadOnly",
      "ok",
      "ExportDisabled",
      "ServiceEnded",
    ])
    expect(result.successorAt).toBe("ok")
    expect(result.statusDue).toMatchObject({ phase: "ended", recorded: false, successor: "id-protection" })
    expect(result.events.filter((t) => t === "ServiceSunset")).toHaveLength(1)
    expect(["Applied", "AlreadyEnded"]).toContain(result.applied._tag)
    expect(result.applyAgain._tag).toBe("AlreadyEnded")
    expect(result.statusEnded).toMatchObject({ phase: "ended", recorded: true })
  })

  it("a due sunset whose job is gone is applied by the sweep; a cancelled one's job changes nothing", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const now = instantFromMillis(yield* TestClock.currentTimeMillis)
        yield* scheduleSunset(
          "business-security-services",
          { endsAt: plusMillis(now, day), successor: "cloud-app-security" },
          operator,
        )
        const cancelled = yield* tagOf(cancelSunset("business-security-services", operator))
        yield* TestClock.adjust(2 * day)
        yield* drainJobs()
        const idpEvents = (yield* (yield* EventStore).readStream(
          productStreamId("business-security-services"),
        )).map((e) => e.type)
        // A schedule for the other product, then its jobs lost (a restored backup without the outbox).
        yield* scheduleSunset(
          "apex-one-saas",
          {
            endsAt: plusMillis(instantFromMillis(yield* TestClock.currentTimeMillis), day),
            successor: "vision-one-sep",
          },
          operator,
        )
        const db = yield* app().sql
        yield* Effect.promise(() => db.deleteFrom("outbox").where("channel", "=", "lifecycle").execute())
        yield* TestClock.adjust(2 * day)
        const swept = yield* applyDueSunsets(operator)
        const sweptAgain = yield* applyDueSunsets(operator)
        const gate = yield* tagOf(requireCapability("apex-one-saas", "license.register"))
        return { cancelled, idpEvents, swept, sweptAgain, gate }
      }),
    )
    expect(result.cancelled).toBe("ok")
    expect(result.idpEvents.filter((t) => t === "ServiceSunset")).toHaveLength(0)
    expect(result.swept.map((a) => [a.productId, a._tag])).toContainEqual(["apex-one-saas", "Applied"])
    expect(result.sweptAgain.map((a) => a.productId)).not.toContain("apex-one-saas")
    expect(result.gate).toBe("ServiceEnded")
  })
})
