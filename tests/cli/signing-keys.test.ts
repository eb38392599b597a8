import { statSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { expectOneLine } from "../support/support-fixture.js"

describe("signing-keys, as an operator uses them", () => {
  it("generates the embedded default's key file (0600), shows it current, and refuses to retire it", async () => {
    const env = { DATA_DIR: tempDataDir() }
    expect((await cli(["db", "migrate"], env)).status).toBe(0)
    const shown = await cli(["signing-keys", "status", "--json"], env)
    expect(shown.status).toBe(0)
    const { keys } = JSON.parse(shown.stdout) as { keys: Array<{ kid: string; current: boolean }> }
    expect(keys).toEqual([expect.objectContaining({ current: true })])
    expect(statSync(join(env.DATA_DIR, "signing.key")).mode & 0o777).toBe(0o600)
    // The same key on the next run: the file is kept.
    const again = JSON.parse((await cli(["signing-keys", "status", "--json"], env)).stdout)
    expect(again.keys[0].kid).toBe(keys[0]!.kid)

    expectOneLine(
      await cli(["signing-keys", "retire", keys[0]!.kid], env),
      1,
      "is the key this configuration signs with",
    )
    expectOneLine(
      await cli(["signing-keys", "retire", "nope"], env),
      1,
      "no signing key nope was ever published",
    )
  })
})
