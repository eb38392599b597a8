import { describe, expect, it } from "vitest"
import { backoffSeconds } from "../../adapters/sql/throttle/sql-throttle.js"
import { accountLoginBackoff, addressLoginBackoff } from "../../application/accounts/sessions.js"

// An attacker who tries again the moment each wait ends: how many guesses does an hour allow?
const guessesPerHour = (policy: typeof accountLoginBackoff) => {
  let elapsed = 0
  let failures = 0
  while (elapsed < 3600) {
    failures++
    elapsed += backoffSeconds(failures, policy)
  }
  return failures
}

describe("login back-off", () => {
  it("costs nothing for the first failures, then doubles up to its cap", () => {
    expect([1, 5, 6, 7, 8, 12, 40].map((n) => backoffSeconds(n, accountLoginBackoff))).toEqual([
      0, 0, 1, 2, 4, 60, 60,
    ])
  })

  it("allows fewer than 100 guesses per account per hour, and never a wait over a minute", () => {
    expect(guessesPerHour(accountLoginBackoff)).toBeLessThan(100)
    expect(backoffSeconds(10_000, accountLoginBackoff)).toBe(60)
    expect(backoffSeconds(10_000, addressLoginBackoff)).toBe(60)
  })
})
