// The switch programme's plan as an operator makes it: the rules as data, fixed, audited.
import { describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine } from "../support/support-fixture.js"

const create = [
  "switch",
  "plan",
  "create",
  "--from",
  "password-manager",
  "--to",
  "id-protection",
  "--cancel-cutoff",
  "2025-06-04",
  "--keys-valid-from",
  "2025-06-05",
  "--results-from",
  "2025-06-01",
]

describe("switch plan, as an operator uses it", () => {
  it("makes a plan with the manual's rules, shows them, and refuses what cannot be a plan", async () => {
    const env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "ops-1" }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const made = await cli([...create, "--json"], env)
    expect(made.status).toBe(0)
    const plan = JSON.parse(made.stdout) as { planId: string; rules: Record<string, unknown> }
    expect(plan.rules).toEqual({
      fromProduct: "password-manager",
      toProduct: "id-protection",
      cancelCutoff: "2025-06-04",
      keysValidFrom: "2025-06-05",
      resultsFrom: "2025-06-01",
      switchedChannels: ["direct", "monthly-provider"],
    })
    const shown = await cli(["switch", "plan", "show", plan.planId], env)
    expect(shown.status).toBe(0)
    expect(shown.stdout).toContain("password-manager → id-protection")
    expect(shown.stdout).toContain("cancelled by:     2025-06-04")
    const events = await cli(["events", "tail", "--stream", `switch-${plan.planId}`, "--json"], env)
    expect(events.stdout).toContain("SwitchPlanCreated")
    expect(events.stdout).toContain("ops-1")

    expectOneLine(await cli(["switch", "plan", "show", "nope"], env), 1, "no switch plan nope")
    expectOneLine(
      await cli(
        create.map((a) => (a === "id-protection" ? "no-such-product" : a)),
        env,
      ),
      1,
      "no product no-such-product in the catalogue",
    )
    expectOneLine(
      await cli(
        create.map((a) => (a === "id-protection" ? "password-manager" : a)),
        env,
      ),
      2,
      "the source and the target are the same product",
    )
    expectOneLine(
      await cli(
        create.map((a) => (a === "2025-06-04" ? "4 June" : a)),
        env,
      ),
      2,
      "--cancel-cutoff must be a date",
    )
    expectOneLine(
      await cli([...create, "--channels", "direct,fax"], env),
      2,
      "--channels: no sales channel fax",
    )
  })
})
