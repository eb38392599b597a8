#!/usr/bin/env node
// The installed command: runs the compiled CLI (built by `npm ci` through the prepare script).
import { existsSync } from "node:fs"

const entry = new URL("../dist/apps/cli/main.js", import.meta.url)
if (!existsSync(entry)) {
  console.error("portcullis: not built yet; run `npm run build` (npm ci does it for you)")
  process.exit(2)
}
await import(entry.href)
