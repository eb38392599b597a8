import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const check = (root: string) =>
  spawnSync(process.execPath, ["scripts/check-dependency-direction.mjs", root], { encoding: "utf8" })

const tree = (files: Record<string, string>) => {
  const root = mkdtempSync(join(tmpdir(), "depcheck-"))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe("dependency direction check", () => {
  it("passes on this repository", () => {
    const result = check(".")
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
  })

  it("fails on every import that points the wrong way, naming file and import", () => {
    const root = tree({
      "domain/a.ts": 'import { x } from "../adapters/sql/y.js"\nimport pg from "pg"\nimport "node:fs"\n',
      "application/b.ts": 'import { serve } from "hono"\nexport { y } from "../apps/http/app.js"\n',
      "adapters/c.ts": 'const m = await import("../apps/cli/main.js")\n',
      "apps/ok.ts": 'import { a } from "../adapters/c.js"\nimport { Hono } from "hono"\n',
    })
    const result = check(root)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("6 violation(s)")
    expect(result.stderr).toContain("domain/a.ts: domain must not import adapters")
    expect(result.stderr).toContain("domain/a.ts: domain may import only effect, not pg")
    expect(result.stderr).toContain("domain/a.ts: domain may import only effect, not node:fs")
    expect(result.stderr).toContain("application/b.ts: application may import only effect, not hono")
    expect(result.stderr).toContain("application/b.ts: application must not import apps")
    expect(result.stderr).toContain("adapters/c.ts: adapters must not import apps")
  })
})
