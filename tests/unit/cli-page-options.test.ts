import { Effect, Either, Option } from "effect"
import { describe, expect, it } from "vitest"
import { pageRequestOf, pageSummary } from "../../apps/cli/page-options.js"

const request = (limit?: string, after?: string) =>
  Effect.runSync(
    Effect.either(pageRequestOf({ limit: Option.fromNullable(limit), after: Option.fromNullable(after) })),
  )

const page = (items: number, before: number, total: number, next: string | null = null) => ({
  items: Array.from({ length: items }, (_, i) => i),
  before,
  total,
  hasMore: next !== null,
  next,
})

describe("the support lists' page options", () => {
  it("take a whole --limit from 1 to 1000, 50 when left out, and a non-empty --after", () => {
    expect(request()).toEqual(Either.right({ limit: 50, after: undefined }))
    expect(request("1", "abc")).toEqual(Either.right({ limit: 1, after: "abc" }))
    expect(request("1000")).toEqual(Either.right({ limit: 1000, after: undefined }))
    for (const limit of ["0", "1001", "two", "1.5", "-3", "", " ", "NaN", "Infinity"]) {
      const refused = request(limit)
      expect(Either.isLeft(refused) && refused.left, limit).toMatchObject({
        exitCode: 2,
        reason: "--limit must be a whole number from 1 to 1000",
      })
    }
    for (const after of ["", "x".repeat(201)]) {
      expect(Either.isLeft(request(undefined, after)) && request(undefined, after)).toMatchObject({
        left: { exitCode: 2, reason: "--after must be the cursor a previous page printed as next" },
      })
    }
  })

  it("say where a page stands, and the cursor of the next one while there is one", () => {
    expect(pageSummary("licences", page(50, 0, 1203, "c50"))).toBe("showing 1-50 of 1203; next: --after c50")
    expect(pageSummary("licences", page(50, 50, 1203, "c100"))).toBe(
      "showing 51-100 of 1203; next: --after c100",
    )
    expect(pageSummary("licences", page(3, 1200, 1203))).toBe("showing 1201-1203 of 1203")
    expect(pageSummary("licences", page(0, 0, 0))).toBe("no licences")
    expect(pageSummary("licences", page(0, 3, 3))).toBe("no more licences after this cursor (3 in all)")
  })
})
