import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine, issueArgs, type ListedLicense, lastGroup } from "../support/support-fixture.js"

const keyPattern = /^[2-9A-Z]{2}(-[2-9A-Z]{4}){4}$/

describe("keys issue and the licence commands, as scripts and support use them", () => {
  let env: Record<string, string>
  const listed = async () =>
    JSON.parse((await cli(["licenses", "list", "--json"], env)).stdout).licenses as Array<ListedLicense>
  const issueOne = async () => {
    const issued = await cli(issueArgs(), env)
    expect(issued.status).toBe(0)
    return issued.stdout.trim()
  }
  const listedFor = async (key: string) =>
    (await listed()).find((l) => lastGroup(l.maskedKey) === lastGroup(key))

  beforeAll(async () => {
    env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-1" }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
  })

  it("keys issue prints the keys alone on stdout and its summary on stderr; --json is unchanged", async () => {
    const human = await cli(issueArgs("--count", "2"), env)
    expect(human.status).toBe(0)
    const lines = human.stdout.trimEnd().split("\n")
    expect(lines).toHaveLength(2)
    for (const line of lines) expect(line).toMatch(keyPattern)
    expect(human.stderr).toMatch(/issued 2 rk key\(s\) for cloud-app-security\/standard, batch /)
    // What `KEY=$(portcullis keys issue …)` captures: one key.
    expect(await issueOne()).toMatch(keyPattern)

    const asJson = await cli(issueArgs("--json"), env)
    expect(asJson.status).toBe(0)
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      productId: "cloud-app-security",
      packageId: "standard",
      batchId: expect.any(String),
      keys: [expect.stringMatching(keyPattern)],
    })
  })

  it("keys issue --out refuses an existing file, before issuing anything, unless --force", async () => {
    const out = join(tempDataDir(), "keys.csv")
    writeFileSync(out, "the only copy of last month's keys\n")
    const before = (await listed()).length
    expectOneLine(await cli(issueArgs("--out", out), env), 2, "--force")
    expect(readFileSync(out, "utf8")).toBe("the only copy of last month's keys\n")
    expect(await listed()).toHaveLength(before)

    const forced = await cli(issueArgs("--out", out, "--force", "--count", "2"), env)
    expect(forced.status).toBe(0)
    const rows = readFileSync(out, "utf8").trimEnd().split("\n")
    expect(rows[0]).toBe("key,product,package,seats,type,expires,kind,channel,batch")
    expect(rows.slice(1).map((row) => row.split(",")[0])).toEqual(forced.stdout.trimEnd().split("\n"))
  })

  it("--wizard without a terminal is refused at once, exit 2 (it used to wait forever)", async () => {
    for (const stdin of [undefined, ""]) {
      const result = await cli(["keys", "issue", "--wizard"], env, {
        timeoutMs: 15_000,
        ...(stdin === undefined ? {} : { stdin }),
      })
      expectOneLine(result, 2, "--wizard")
    }
  })

  it("licenses list and show call a key nobody registered unregistered, not active", async () => {
    const key = await issueOne()
    expect(await listedFor(key)).toMatchObject({ status: "unregistered", owner: null })
    const line = (await cli(["licenses", "list"], env)).stdout
      .split("\n")
      .find((l) => l.includes(`XX-XXXX-XXXX-XXXX-${lastGroup(key)}`))
    expect(line).toMatch(/2099-03-31\s+unregistered\s+unregistered\s+XX-/)
    const shown = await cli(["licenses", "show", key], env)
    expect(shown.stdout).toMatch(/status:\s+unregistered/)
  })

  it("licenses renew to a day already passed is refused unless --allow-past, which ends the licence and says so", async () => {
    const key = await issueOne()
    expectOneLine(await cli(["licenses", "renew", key, "--expires", "2020-01-31"], env), 2, "--allow-past")
    expect(await listedFor(key)).toMatchObject({ expiresOn: "2099-03-31", status: "unregistered" })

    const ended = await cli(
      ["licenses", "renew", key, "--expires", "2020-01-31", "--allow-past", "--json"],
      env,
    )
    expect(ended.status).toBe(0)
    expect(JSON.parse(ended.stdout)).toMatchObject({ changed: true, expiresOn: "2020-01-31" })
    expect(ended.stderr).toMatch(/^portcullis: warning: licence [0-9a-f]{64} has ended/)
    expect(await listedFor(key)).toMatchObject({ expiresOn: "2020-01-31", status: "expired" })

    // A day still to come needs no flag, and gives no warning.
    const renewed = await cli(["licenses", "renew", key, "--expires", "2099-12-31"], env)
    expect(renewed.status).toBe(0)
    expect(renewed.stderr).not.toContain("warning")
  })
})
