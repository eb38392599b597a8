// The switch programme's plan as an operator makes it: the rules as data, fixed, audited.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine } from "../support/support-fixture.js"
import { createManualPlan } from "../support/switch-cli.js"

const create = createManualPlan

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

    // A dry run on a catalogue with no Password Manager licence: nothing to switch, a header-only report.
    const out = join(env.DATA_DIR, "report.csv")
    const previewed = await cli(["switch", "preview", plan.planId, "--out", out], env)
    expect(previewed.status).toBe(0)
    expect(previewed.stdout).toContain("0 licence(s) of the source product (a dry run: nothing written)")
    expect(readFileSync(out, "utf8")).toBe(
      "license_id,account_id,channel,cancelled_on,expires_on,day,outcome,reason\r\n",
    )
    expectOneLine(await cli(["switch", "preview", plan.planId, "--out", out], env), 2, "exists")
    expect(JSON.parse((await cli(["switch", "preview", plan.planId, "--json"], env)).stdout)).toEqual({
      planId: plan.planId,
      sources: 0,
      switched: 0,
      notSwitched: {},
    })
    expectOneLine(await cli(["switch", "preview", "nope"], env), 1, "no switch plan nope")
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
