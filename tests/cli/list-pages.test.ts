import { beforeAll, describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine, issueArgs, registerAccounts } from "../support/support-fixture.js"

// Support's lists, longer than a page: every item once, in order, with "n of m" and the cursor of
// the next page, and no cursor on the last.

interface Listed {
  readonly total: number
  readonly hasMore: boolean
  readonly next: string | null
}

// Written in another order than their ids', all in one instant: only the tie-breaker orders them.
const accounts = [5, 0, 6, 2, 4, 1, 3].map((n) => ({
  accountId: `01900000-0000-7000-8000-00000000010${n}`,
  loginId: n % 2 === 0 ? `pager_even_${n}` : `pager_odd_${n}`,
}))

describe("support lists, page by page", () => {
  let env: Record<string, string>
  beforeAll(async () => {
    env = { DATA_DIR: tempDataDir() }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    // One batch is issued in one instant: the pages cut through it.
    for (const count of ["7", "4"]) expect((await cli(issueArgs("--count", count), env)).status).toBe(0)
    await registerAccounts(env.DATA_DIR!, accounts)
  })

  /** Every page of a list as JSON and as text, following the cursors each page gives. */
  const pageThrough = async (list: ReadonlyArray<string>, name: string, limit: number) => {
    // biome-ignore lint/suspicious/noExplicitAny: licences or accounts, as the command prints them
    const pages: Array<{ items: Array<any>; body: Listed; text: string }> = []
    let after: Array<string> = []
    for (;;) {
      const args = [...list, "--limit", String(limit), ...after]
      const [asJson, text] = await Promise.all([cli([...args, "--json"], env), cli(args, env)])
      expect(asJson.status).toBe(0)
      expect(text.status).toBe(0)
      const body = JSON.parse(asJson.stdout)
      expect(Object.keys(body)).toEqual([name, "total", "hasMore", "next"])
      pages.push({ items: body[name], body, text: text.stdout })
      if (body.next === null) return pages
      after = ["--after", body.next]
    }
  }

  const idOf = { licenses: (l: { id: string }) => l.id, accounts: (a: { accountId: string }) => a.accountId }

  it("licenses list: every licence once, newest issued first, 'n of m' and the next cursor on each page", async () => {
    const whole = JSON.parse((await cli(["licenses", "list", "--json"], env)).stdout)
    expect(whole).toMatchObject({ total: 11, hasMore: false, next: null })
    const ids: Array<string> = whole.licenses.map(idOf.licenses)
    const issued: Array<string> = whole.licenses.map((l: { issuedAt: string }) => l.issuedAt)
    expect(issued).toEqual([...issued].sort().reverse())
    expect(new Set(ids).size).toBe(11)
    // The default page holds them all, and says so.
    expect((await cli(["licenses", "list"], env)).stdout).toMatch(/\nshowing 1-11 of 11\n$/)

    const pages = await pageThrough(["licenses", "list"], "licenses", 4)
    expect(pages.map((p) => p.items.map(idOf.licenses))).toEqual([
      ids.slice(0, 4),
      ids.slice(4, 8),
      ids.slice(8),
    ])
    expect(pages.map((p) => p.body)).toMatchObject([
      { total: 11, hasMore: true, next: ids[3] },
      { total: 11, hasMore: true, next: ids[7] },
      { total: 11, hasMore: false, next: null },
    ])
    expect(pages.map((p) => p.text.trimEnd().split("\n").at(-1))).toEqual([
      `showing 1-4 of 11; next: --after ${ids[3]}`,
      `showing 5-8 of 11; next: --after ${ids[7]}`,
      "showing 9-11 of 11",
    ])
    for (const [i, page] of pages.entries()) {
      for (const id of ids.slice(i * 4, i * 4 + 4)) expect(page.text).toContain(id)
    }
  })

  it("accounts list: the same pages and counts, within a search too", async () => {
    const whole = JSON.parse((await cli(["accounts", "list", "--json"], env)).stdout)
    const ids: Array<string> = whole.accounts.map(idOf.accounts)
    // One instant: newest first leaves the order to the account id, highest first.
    expect(ids).toEqual(
      accounts
        .map((a) => a.accountId)
        .sort()
        .reverse(),
    )

    const pages = await pageThrough(["accounts", "list"], "accounts", 3)
    expect(pages.map((p) => p.items.map(idOf.accounts))).toEqual([
      ids.slice(0, 3),
      ids.slice(3, 6),
      ids.slice(6),
    ])
    expect(pages.map((p) => p.text.trimEnd().split("\n").at(-1))).toEqual([
      `showing 1-3 of 7; next: --after ${ids[2]}`,
      `showing 4-6 of 7; next: --after ${ids[5]}`,
      "showing 7-7 of 7",
    ])
    expect(pages.at(-1)!.body).toMatchObject({ total: 7, hasMore: false, next: null })

    const odd = await pageThrough(["accounts", "list", "--search", "PAGER_ODD"], "accounts", 2)
    const oddIds = ids.filter((id) => accounts.find((a) => a.accountId === id)!.loginId.includes("odd"))
    expect(odd.map((p) => p.items.map(idOf.accounts))).toEqual([oddIds.slice(0, 2), oddIds.slice(2)])
    expect(odd.map((p) => p.body)).toMatchObject([
      { total: 3, next: oddIds[1] },
      { total: 3, next: null },
    ])

    // After the last account: nothing more, and the count still says how many there are.
    const after = await cli(["accounts", "list", "--after", ids.at(-1)!], env)
    expect(after.stdout).toBe("no more accounts after this cursor (7 in all)\n")
  })

  it("a bad --limit or --after is one line and exit 2, whichever list, before the database is opened", async () => {
    const licenceId = JSON.parse((await cli(["licenses", "list", "--json"], env)).stdout).licenses[0].id
    const accountId = JSON.parse((await cli(["accounts", "list", "--json"], env)).stdout).accounts[0]
      .accountId
    const even = accounts.find((a) => a.loginId.includes("even"))!.accountId
    const limits = "--limit must be a whole number from 1 to 1000"
    // Every value the options refuse is in the unit tests (tests/unit/cli-page-options.test.ts);
    // here, that both commands refuse as they should, in one line.
    const refusals: Array<[ReadonlyArray<string>, string]> = [
      [["licenses", "list", "--limit", "0"], limits],
      [["licenses", "list", "--limit", "1.5"], limits],
      [["accounts", "list", "-n", "two"], limits],
      [["accounts", "list", "--limit", "1001"], limits],
      [["licenses", "list", "--after", ""], "--after must be the cursor"],
      [["accounts", "list", "--after", "nope"], "--after names no account"],
      // Never echoed: the text could break the one line.
      [["licenses", "list", "--after", "nope\nsecond line", "--json"], "--after names no licence"],
      // A cursor of another list, or of the same list under another search, names nothing here.
      [["accounts", "list", "--after", licenceId], "names no account"],
      [["licenses", "list", "--after", accountId], "names no licence"],
      [["accounts", "list", "--search", "odd", "--after", even], "names no account"],
    ]
    const results = await Promise.all(refusals.map(([args]) => cli(args, env)))
    for (const [i, [, text]] of refusals.entries()) expectOneLine(results[i]!, 2, text)
    // Usage is checked first: with no database at all, still bad usage, not exit 3.
    expectOneLine(await cli(["licenses", "list", "--limit", "0"], { DATA_DIR: tempDataDir() }), 2, limits)
    // The largest page there is, is a page.
    expect((await cli(["licenses", "list", "--limit", "1000"], env)).status).toBe(0)
  })
})
