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

  it("keeps the vault client library to its own files and its few packages", () => {
    const root = tree({
      "apps/vault-client/index.ts":
        'export * from "./key/client-key.js"\nimport { PDFDocument } from "pdf-lib"\n',
      "apps/vault-client/key/client-key.ts":
        'import { Either } from "effect"\nimport { x } from "../../http/app.js"\n',
      "apps/vault-client/kit/kit.ts":
        'import { readFileSync } from "node:fs"\nimport QRCode from "qrcode"\nimport { y } from "../api/wire.js"\n',
    })
    const result = check(root)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain("3 violation(s)")
    expect(result.stderr).toContain("apps/vault-client/key/client-key.ts: apps/vault-client may import only")
    expect(result.stderr).toContain("not effect")
    expect(result.stderr).toContain("not ../../http/app.js")
    expect(result.stderr).toContain(
      "apps/vault-client/kit/kit.ts: apps/vault-client may import only its own files and pdf-lib, @pdf-lib/fontkit, fast-png, qrcode, not node:fs",
    )
  })
})
