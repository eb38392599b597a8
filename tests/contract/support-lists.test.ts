// Support's lists of every account and every licence page in the database, by keyset: the same
// pages, counts and cursors on SQLite and PostgreSQL, with ties in the sort key broken by the id.
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeSqlAccountDirectory } from "../../adapters/sql/accounts/sql-account-directory.js"
import { makeSqlLicenseDirectory } from "../../adapters/sql/licensing/sql-license-directory.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import type { CountedPage, InvalidCursor, PageRequest } from "../../application/platform/page.js"
import { Instant } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { allTargets, openTestLog } from "../support/stores.js"
import { registerAccountCommand } from "../support/support-fixture.js"

const metadata = { actor: { kind: "operator" as const, id: "test-setup" } }
// Five of each are written in one instant, so the order among them is the tie-breaker's alone.
const instants = [..."11111", "2", "3"].map((n) => Instant.make(`2026-11-2${n}T00:00:00.000Z`))
// Ids in another order than the writes', so no order of insertion can pass for the tie-breaker.
const shuffled = (i: number) => (i * 3) % 7
const accountIdOf = (i: number) => `01900000-0000-7000-8000-${String(shuffled(i)).padStart(12, "0")}`
const keyHashOf = (i: number) => `${shuffled(i)}`.padStart(2, "0").repeat(32)
const compareDesc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)
/** The expected order of the items written at these indexes: newest first, then by id, highest first. */
const newestFirst = (indexes: ReadonlyArray<number>, idOf: (i: number) => string) =>
  [...indexes]
    .sort((a, b) => compareDesc(instants[a]!, instants[b]!) || compareDesc(idOf(a), idOf(b)))
    .map(idOf)

type Log = Awaited<ReturnType<typeof openTestLog>>

const write = (log: Log) =>
  Effect.runPromise(
    Effect.gen(function* () {
      for (const [i, at] of instants.entries()) {
        yield* registerAccountCommand(accountIdOf(i), i % 2 === 0 ? `even_${i}` : `odd_${i}`, at)
        const keyHash = keyHashOf(i)
        yield* runCommand(
          license,
          licenseStreamId(keyHash),
          {
            _tag: "IssueKey",
            at,
            key: {
              keyHash,
              sealedKey: "v1.k.n.b",
              kind: "rk",
              productId: "cloud-app-security",
              packageId: "standard",
              seats: 1,
              licenseType: "full",
              expiresOn: "2099-03-31",
              channel: "direct",
              batchId: "b1",
            },
          },
          { metadata },
        )
        // The even ones are registered to the first account.
        if (i % 2 === 0) {
          yield* runCommand(
            license,
            licenseStreamId(keyHash),
            { _tag: "Register", accountId: accountIdOf(0), today: "2026-11-21", at },
            { metadata },
          )
        }
      }
    }).pipe(Effect.provideService(EventStore, log.store)),
  )

type List = (request: PageRequest) => Effect.Effect<CountedPage<string>, InvalidCursor>

/** Every page at this size, from the first to the one without a cursor. */
const pageThrough = async (list: List, limit: number) => {
  const pages: Array<CountedPage<string>> = []
  let after: string | undefined
  do {
    const page = await Effect.runPromise(list({ limit, after }))
    pages.push(page)
    after = page.next ?? undefined
  } while (after !== undefined)
  return pages
}

const refusal = async (list: List, after: string) =>
  (await Effect.runPromise(Effect.flip(list({ limit: 2, after }))))._tag

const all = [0, 1, 2, 3, 4, 5, 6]

for (const target of allTargets) {
  describe(`support lists page by keyset: ${target.name}`, () => {
    let log: Log
    let accounts: (options?: { search?: string }) => List
    let licenses: (options?: { accountId?: string }) => List
    beforeAll(async () => {
      log = await openTestLog(target)
      await write(log)
      const accountDirectory = makeSqlAccountDirectory(log.database)
      const licenseDirectory = makeSqlLicenseDirectory(log.database)
      accounts = (options) => (request) =>
        Effect.map(accountDirectory.list({ ...request, ...options }), (page) => ({
          ...page,
          items: page.items.map((a) => a.accountId),
        }))
      licenses = (options) => (request) =>
        Effect.map(licenseDirectory.list({ ...request, ...options }), (page) => ({
          ...page,
          items: page.items.map((l) => l.keyHash),
        }))
    })
    afterAll(() => log.close())

    it("orders newest first, ties by id (descending), and pages through all of it", async () => {
      for (const [list, order] of [
        [accounts(), newestFirst(all, accountIdOf)],
        [licenses(), newestFirst(all, keyHashOf)],
      ] as const) {
        const [whole] = await pageThrough(list, 100)
        expect(whole).toEqual({ items: order, total: 7, before: 0, hasMore: false, next: null })
        const pages = await pageThrough(list, 3)
        expect(pages.map((p) => p.items)).toEqual([order.slice(0, 3), order.slice(3, 6), order.slice(6)])
        expect(pages.map((p) => [p.total, p.before, p.hasMore, p.next])).toEqual([
          [7, 0, true, order[2]],
          [7, 3, true, order[5]],
          [7, 6, false, null],
        ])
        // A page that ends exactly at the end has no cursor; one short of it has.
        expect(await Effect.runPromise(list({ limit: 7 }))).toMatchObject({ hasMore: false, next: null })
        expect(await Effect.runPromise(list({ limit: 6 }))).toMatchObject({ hasMore: true, next: order[5] })
        // After the last item: nothing, still counted.
        expect(await Effect.runPromise(list({ limit: 3, after: order[6] }))).toEqual({
          items: [],
          total: 7,
          before: 7,
          hasMore: false,
          next: null,
        })
      }
    })

    it("pages and counts within a filter, whose cursors are its own", async () => {
      // The search matches odd_1, odd_3 and odd_5, in any case.
      const odd = accounts({ search: "ODD_" })
      const oddOrder = newestFirst([1, 3, 5], accountIdOf)
      const pages = await pageThrough(odd, 2)
      expect(pages.map((p) => p.items)).toEqual([oddOrder.slice(0, 2), oddOrder.slice(2)])
      expect(pages.map((p) => [p.total, p.before, p.next])).toEqual([
        [3, 0, oddOrder[1]],
        [3, 2, null],
      ])
      expect(await refusal(odd, accountIdOf(2))).toBe("InvalidCursor")

      const first = licenses({ accountId: accountIdOf(0) })
      const registered = await pageThrough(first, 2)
      expect(registered.flatMap((p) => p.items)).toEqual(newestFirst([0, 2, 4, 6], keyHashOf))
      expect(registered.map((p) => p.total)).toEqual([4, 4])
      expect(await refusal(first, keyHashOf(5))).toBe("InvalidCursor")
    })

    it("refuses a cursor that names nothing, or an item of another list", async () => {
      expect(await refusal(accounts(), "nope")).toBe("InvalidCursor")
      expect(await refusal(accounts(), keyHashOf(1))).toBe("InvalidCursor")
      expect(await refusal(licenses(), accountIdOf(1))).toBe("InvalidCursor")
      expect(await refusal(licenses(), "")).toBe("InvalidCursor")
    })
  })
}
