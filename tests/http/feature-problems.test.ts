import { Data, Effect } from "effect"
import { describe, expect, it } from "vitest"
import { defineFeature, problemsOf } from "../../apps/http/shell/feature.js"
import { defineRoute } from "../../apps/http/shell/route.js"

class Sold extends Data.TaggedError("Sold")<{ readonly to: string }> {}
class Withdrawn extends Data.TaggedError("Withdrawn")<{}> {}
const buying = { name: "buying", quota: 1, windowSeconds: 1 }
class Busy extends Data.TaggedError("RateLimited")<{
  readonly policy: typeof buying
  readonly retryAfterSeconds: number
}> {}

const buyRoute = {
  method: "POST" as const,
  path: "/v1/buy",
  summary: "Fails with either refusal, or the built-in RateLimited",
  auth: "none" as const,
  responses: { 204: { description: "Bought" } },
  handler: () =>
    Effect.fail(Math.random() < 0.5 ? new Sold({ to: "x" }) : new Withdrawn()).pipe(
      Effect.zipRight(Effect.fail(new Busy({ policy: buying, retryAfterSeconds: 1 }))),
    ),
}
const buy = defineRoute({ ...buyRoute, failures: { RateLimited: [buying], Sold: true, Withdrawn: true } })

const sold = { status: 409, slug: "sold", title: "Sold", detail: (error: Sold) => `Sold to ${error.to}.` }
const withdrawn = { status: 410, slug: "withdrawn", title: "Withdrawn" }

describe("a feature's problems", () => {
  it("must map every tag its routes fail with (the built-ins excepted): a missing one does not compile", () => {
    const complete = defineFeature({
      name: "shop",
      routes: [buy],
      problems: { Sold: sold, Withdrawn: withdrawn },
    })
    const incomplete = defineFeature({
      name: "shop",
      routes: [buy],
      // @ts-expect-error: Withdrawn has no mapping
      problems: { Sold: sold },
    })
    const mistyped = defineFeature({
      name: "shop",
      routes: [buy],
      // @ts-expect-error: the mapping for Withdrawn reads a field only Sold has
      problems: { Sold: sold, Withdrawn: sold },
    })
    expect(Object.keys(complete.problems)).toEqual(["Sold", "Withdrawn"])
    expect([incomplete, mistyped]).toHaveLength(2)
  })

  it("may be shared between features, but one tag is never mapped two ways", () => {
    const shop = defineFeature({
      name: "shop",
      routes: [buy],
      problems: { Sold: sold, Withdrawn: withdrawn },
    })
    const outlet = defineFeature({
      name: "outlet",
      routes: [buy],
      problems: { Sold: sold, Withdrawn: withdrawn },
    })
    expect(problemsOf([shop, outlet])).toEqual({ Sold: sold, Withdrawn: withdrawn })
    const other = defineFeature({
      name: "other",
      routes: [buy],
      problems: { Sold: { ...sold, status: 400 }, Withdrawn: withdrawn },
    })
    expect(() => problemsOf([shop, other])).toThrow(/Sold two ways \(the second in other\)/)
  })
})

describe("a throttled route", () => {
  it("names the policies behind its RateLimited, so its answers can advertise them: `true` does not compile", () => {
    const unnamed = defineRoute({
      ...buyRoute,
      // @ts-expect-error: RateLimited must name the policies that can refuse
      failures: { RateLimited: true, Sold: true, Withdrawn: true },
    })
    expect(buy.rateLimits).toEqual([buying])
    expect(unnamed.failures).toContain("RateLimited")
  })

  it("may not give two policies one name", () => {
    expect(() =>
      defineRoute({
        ...buyRoute,
        failures: { RateLimited: [buying], Sold: [{ ...buying, quota: 2 }], Withdrawn: true },
      }),
    ).toThrow(/two rate-limit policies are named buying/)
  })
})
