// App sessions on the real app layer, SQLite and PostgreSQL: sign-in opens a session, refresh rotates,
// a replayed token ends the session, and the sunset's last job ends every session of the product once.
import { Effect, TestClock } from "effect"
import { describe, expect, it } from "vitest"
import { AppSessionDirectory } from "../../application/apps/app-session-directory.js"
import { endAppSession, openAppSession, refreshAppSession } from "../../application/apps/app-sessions.js"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { ProductAppSessions } from "../../application/catalog/product-app-sessions.js"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import { appSessionStreamId } from "../../domain/apps/app-session.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { customerOf, operator, start, tagOf, useVaultApp, vaultTargets } from "../support/vault-app.js"

const day = 86_400_000
const pm = "password-manager"

describe.each(vaultTargets)("app sessions on $name", (target) => {
  const app = useVaultApp(target)

  it("rotates the refresh token, and a replay of a retired one ends the session for good", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        const accountId = yield* app().register
        const meta = customerOf(accountId)
        const opened = yield* openAppSession({ accountId, productId: pm, deviceName: "Phone" }, meta)
        yield* TestClock.adjust(60_000)
        const first = yield* refreshAppSession(opened.refreshToken, meta)
        const second = yield* refreshAppSession(first.refreshToken, meta)
        const replay = yield* tagOf(refreshAppSession(opened.refreshToken, meta))
        const afterReplay = yield* tagOf(refreshAppSession(second.refreshToken, meta))
        const guess = yield* tagOf(refreshAppSession("not-a-token", meta))
        const stream = yield* (yield* EventStore).readStream(appSessionStreamId(opened.sessionId))
        const listed = yield* (yield* AppSessionDirectory).ofAccount(accountId, { includeEnded: true })
        return { opened, first, second, replay, afterReplay, guess, stream, listed }
      }),
    )
    expect(result.first.refreshToken).not.toBe(result.opened.refreshToken)
    expect(result.replay).toBe("RefreshTokenReused")
    expect(result.afterReplay).toBe("AppSessionHasEnded")
    expect(result.guess).toBe("AppSessionUnknown")
    expect(result.stream.map((e) => e.type)).toEqual([
      "AppSessionOpened",
      "AppSessionRefreshed",
      "AppSessionRefreshed",
      "RefreshTokenReuseDetected",
      "AppSessionEnded",
    ])
    const text = JSON.stringify(result.stream)
    for (const token of [result.opened, result.first, result.second]) {
      expect(text).not.toContain(token.refreshToken.split(".")[1])
    }
    expect(result.listed).toMatchObject([{ deviceName: "Phone", productId: pm, endReason: "reuse-detected" }])
  })

  it("the sunset's last job ends every session of the product exactly once, and refresh is refused after", async () => {
    const result = await app().run(
      Effect.gen(function* () {
        yield* seedSampleCatalog()
        const a = yield* app().register
        const b = yield* app().register
        const phone = yield* openAppSession(
          { accountId: a, productId: pm, deviceName: "Phone" },
          customerOf(a),
        )
        yield* openAppSession({ accountId: a, productId: pm, deviceName: "Tablet" }, customerOf(a))
        yield* openAppSession({ accountId: b, productId: pm, deviceName: "Laptop" }, customerOf(b))
        const signedOut = yield* openAppSession(
          { accountId: b, productId: pm, deviceName: "Old" },
          customerOf(b),
        )
        yield* endAppSession(signedOut.sessionId, "signed-out", customerOf(b))
        const other = yield* openAppSession(
          { accountId: b, productId: "id-protection", deviceName: "Laptop" },
          customerOf(b),
        )
        const endsAt = instantFromMillis(start + 20 * day)
        yield* scheduleSunset(pm, { endsAt, successor: "id-protection", noticeLeadDays: 10 }, operator)
        yield* TestClock.setTime(Date.parse(endsAt) + 1000)
        const refreshAtEnd = yield* tagOf(refreshAppSession(phone.refreshToken, customerOf(a)))
        const signInAtEnd = yield* tagOf(
          openAppSession({ accountId: a, productId: pm, deviceName: "New" }, customerOf(a)),
        )
        yield* drainJobs()
        yield* drainJobs()
        // The last job again, as after a crash before its completion was recorded.
        const rerun = yield* (yield* ProductAppSessions).endAllOf(pm, operator)
        const directory = yield* AppSessionDirectory
        const openA = yield* directory.ofAccount(a)
        const openB = yield* directory.ofAccount(b)
        const all = [
          ...(yield* directory.ofAccount(a, { includeEnded: true })),
          ...(yield* directory.ofAccount(b, { includeEnded: true })),
        ]
        const store = yield* EventStore
        const ends: Array<string> = []
        for (const session of all) {
          for (const event of yield* store.readStream(appSessionStreamId(session.sessionId)))
            if (event.type === "AppSessionEnded") ends.push((event.data as { reason: string }).reason)
        }
        const refreshOther = yield* tagOf(refreshAppSession(other.refreshToken, customerOf(b)))
        return { rerun, refreshAtEnd, signInAtEnd, ends, openA, openB, refreshOther }
      }),
    )
    expect(result.refreshAtEnd).toBe("ServiceEnded")
    expect(result.signInAtEnd).toBe("ServiceEnded")
    const reasons = [...result.ends].sort()
    expect(reasons).toEqual(["service-ended", "service-ended", "service-ended", "signed-out"])
    expect(result.rerun).toEqual({ accounts: 0, sessions: 0 })
    expect(result.openA).toEqual([])
    expect(result.openB.map((s) => s.productId)).toEqual(["id-protection"])
    expect(result.refreshOther).toBe("ok")
  })
})
