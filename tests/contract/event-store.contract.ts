import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { Effect, Either, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { ExpectedVersion } from "../../domain/kernel/index.js"
import type { StoreTarget } from "../support/stores.js"
import { event, logsFor, metadata, run } from "./event-store-support.js"

const execFileAsync = promisify(execFile)

/** The event-store contract, appends and reads: every adapter must pass all of it. */
export const testEventStore = (target: StoreTarget, options: { readonly multiProcess: boolean }) =>
  describe(`event store contract: ${target.name}`, () => {
    const open = logsFor(target)
    it("appends and reads a stream back with versions, positions, data and metadata", async () => {
      const { store } = await open()
      const result = await run(
        store.append("s-1", [event(1), event(2)], { expected: ExpectedVersion.noStream, metadata }),
      )
      expect(result).toEqual({ streamId: "s-1", nextVersion: 2, positions: [1, 2], replayed: false })
      const events = await run(store.readStream("s-1"))
      expect(events.map((e) => [e.position, e.streamVersion, e.type, e.data])).toEqual([
        [1, 1, "Noted", event(1).data],
        [2, 2, "Noted", event(2).data],
      ])
      expect(events[0]?.metadata).toEqual(metadata)
      expect(events[0]?.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
      expect(events[1]?.prevHash).toBe(events[0]?.hash)
      expect(await run(store.streamVersion("s-1"))).toBe(2)
      expect(await run(store.streamVersion("unknown"))).toBe(0)
      expect((await run(store.readStream("s-1", { fromVersion: 2 }))).map((e) => e.streamVersion)).toEqual([
        2,
      ])
    })

    it("reads several streams at once, each in version order, empty for one never written", async () => {
      const { store } = await open()
      for (const [streamId, count] of [
        ["m-1", 3],
        ["m-2", 1],
        ["m-3", 2],
      ] as const) {
        for (let n = 1; n <= count; n++) {
          await run(store.append(streamId, [event(n)], { expected: ExpectedVersion.after(n - 1), metadata }))
        }
      }
      // More ids than one statement takes, so the read is split and put together again.
      const ids = ["m-3", "none", "m-1", ...Array.from({ length: 600 }, (_, i) => `absent-${i}`), "m-2"]
      const read = await run(store.readStreams(ids))
      expect([...read.keys()]).toEqual(ids)
      expect(read.get("m-1")?.map((e) => e.streamVersion)).toEqual([1, 2, 3])
      expect(read.get("m-3")?.map((e) => [e.streamId, e.data])).toEqual([
        ["m-3", event(1).data],
        ["m-3", event(2).data],
      ])
      expect(read.get("m-2")).toHaveLength(1)
      expect(read.get("none")).toEqual([])
    })

    it("appends to several streams atomically: all of it when every version holds, nothing otherwise", async () => {
      const log = await open()
      const { store } = log
      await run(store.append("a", [event(1)], { expected: ExpectedVersion.noStream, metadata }))
      const results = await run(
        store.appendMany(
          [
            { streamId: "a", events: [event(2)], expected: ExpectedVersion.exact(1) },
            { streamId: "b", events: [event(3), event(4)], expected: ExpectedVersion.noStream },
          ],
          { metadata, outbox: [{ channel: "mail", payload: { to: "x@example.com" } }] },
        ),
      )
      expect(results).toEqual([
        { streamId: "a", nextVersion: 2, positions: [2], replayed: false },
        { streamId: "b", nextVersion: 2, positions: [3, 4], replayed: false },
      ])
      // The second stream's version no longer holds: the first stream's events must not be written either.
      const refused = await run(
        Effect.either(
          store.appendMany(
            [
              { streamId: "a", events: [event(5)], expected: ExpectedVersion.exact(2) },
              { streamId: "b", events: [event(6)], expected: ExpectedVersion.noStream },
            ],
            { metadata },
          ),
        ),
      )
      expect(Either.isLeft(refused) && refused.left._tag).toBe("StreamVersionConflict")
      expect(await run(store.streamVersion("a"))).toBe(2)
      expect((await run(store.head)).position).toBe(4)
      expect((await run(log.audit.verify()))._tag).toBe("Intact")
    })

    it("records an answer with a keyed append to several streams, replays it, and refuses the key for another request", async () => {
      const { store } = await open()
      const writes = [
        { streamId: "m-a", events: [event(1)], expected: ExpectedVersion.noStream },
        { streamId: "m-b", events: [event(2)], expected: ExpectedVersion.noStream },
      ]
      const claim = { key: "scope:k1", fingerprint: "request-1" }
      const answer = { accountId: "acc-1" }
      const first = await run(store.appendMany(writes, { metadata, idempotency: { ...claim, answer } }))
      expect(first.map((r) => r.replayed)).toEqual([false, false])
      // The same writes again would conflict; under the key they answer what was recorded instead.
      const again = await run(store.appendMany(writes, { metadata, idempotency: { ...claim, answer: {} } }))
      expect(again).toEqual([{ ...first[0], replayed: true, answer }])
      expect(
        await run(Effect.map(store.idempotentResult(claim), (o) => o._tag === "Some" && o.value.answer)),
      ).toEqual(answer)
      const reused = await run(
        Effect.either(
          store.appendMany(writes, { metadata, idempotency: { ...claim, fingerprint: "other", answer } }),
        ),
      )
      expect(Either.isLeft(reused) && reused.left._tag).toBe("IdempotencyKeyReused")
      expect((await run(store.head)).position).toBe(2)
    })

    it("honours every expected-version mode and reports conflicts with the actual version", async () => {
      const { store } = await open()
      const append = (expected: ExpectedVersion) =>
        run(Effect.either(store.append("s", [event(0)], { expected, metadata })))
      expect(Either.isRight(await append(ExpectedVersion.noStream))).toBe(true)
      const noStreamAgain = await append(ExpectedVersion.noStream)
      expect(Either.isLeft(noStreamAgain) && noStreamAgain.left).toMatchObject({
        _tag: "StreamVersionConflict",
        streamId: "s",
        actual: 1,
      })
      expect(Either.isRight(await append(ExpectedVersion.exact(1)))).toBe(true)
      const stale = await append(ExpectedVersion.exact(1))
      expect(Either.isLeft(stale) && stale.left).toMatchObject({ _tag: "StreamVersionConflict", actual: 2 })
      expect(Either.isRight(await append(ExpectedVersion.any))).toBe(true)
      const exactOnMissing = await run(
        Effect.either(store.append("missing", [event(0)], { expected: ExpectedVersion.exact(3), metadata })),
      )
      expect(Either.isLeft(exactOnMissing)).toBe(true)
      expect(await run(store.streamVersion("s"))).toBe(3)
      expect((await run(store.head)).position).toBe(3)
    })

    it("never duplicates a version nor leaves a gap under 50 concurrent appenders", async () => {
      const { store } = await open()
      const appender = (worker: number) =>
        Effect.gen(function* () {
          for (let i = 0; i < 4; i++) {
            const streamId = `c-${(worker + i) % 3}`
            for (;;) {
              const version = yield* store.streamVersion(streamId)
              const result = yield* Effect.either(
                store.append(streamId, [event(worker * 10 + i)], {
                  expected: ExpectedVersion.after(version),
                  metadata,
                }),
              )
              if (Either.isRight(result)) break
              yield* Effect.yieldNow()
            }
          }
        })
      await run(
        Effect.all(
          Array.from({ length: 50 }, (_, w) => appender(w)),
          { concurrency: "unbounded" },
        ),
      )
      const all = await run(Stream.runCollect(store.readAll()))
      const positions = [...all].map((e) => e.position)
      expect(positions).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
      for (const streamId of ["c-0", "c-1", "c-2"]) {
        const versions = [...all].filter((e) => e.streamId === streamId).map((e) => e.streamVersion)
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1))
      }
    })

    if (options.multiProcess) {
      it("stays gap-free with two OS processes appending to the same streams", async () => {
        const log = await open({ projections: [] })
        const worker = (id: number) =>
          execFileAsync(process.execPath, ["tests/support/append-worker.mjs", log.url, String(id), "40"])
        const outputs = await Promise.all([worker(1), worker(2)])
        const reports = outputs.map((o) => JSON.parse(o.stdout) as { count: number })
        expect(reports.map((r) => r.count)).toEqual([40, 40])
        const all = [...(await run(Stream.runCollect(log.store.readAll())))]
        expect(all.map((e) => e.position)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
        for (let s = 0; s < 5; s++) {
          const versions = all.filter((e) => e.streamId === `shared-${s}`).map((e) => e.streamVersion)
          expect(versions).toEqual(Array.from({ length: 16 }, (_, i) => i + 1))
        }
        expect((await run(log.audit.verify()))._tag).toBe("Intact")
      })
    }

    it("reads all events in position order, in batches, from any position", async () => {
      const { store } = await open()
      for (let i = 0; i < 7; i++) {
        await run(store.append(`r-${i % 3}`, [event(i)], { expected: ExpectedVersion.any, metadata }))
      }
      const all = [...(await run(Stream.runCollect(store.readAll({ batchSize: 3 }))))]
      expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6])
      const tail = [...(await run(Stream.runCollect(store.readAll({ after: 5, batchSize: 2 }))))]
      expect(tail.map((e) => e.position)).toEqual([6, 7])
    })
  })
