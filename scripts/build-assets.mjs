#!/usr/bin/env node
// Bundles the portal's browser code and styles into dist/assets, which the server serves at /assets/.
// Part of `npm run build`; esbuild is chosen for the browser bundle (docs/decisions.md).
import { copyFileSync, mkdirSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { build } from "esbuild"

const root = resolve(dirname(new URL(import.meta.url).pathname), "..")
const out = join(root, "dist", "assets")
mkdirSync(out, { recursive: true })

await build({
  absWorkingDir: root,
  entryPoints: {
    portal: "apps/portal/browser/portal.ts",
    "portal-css": "apps/portal/browser/portal.css",
  },
  outdir: out,
  entryNames: "[name]",
  bundle: true,
  format: "esm",
  target: ["es2022", "chrome120", "firefox120", "safari16"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
})

// esbuild names a CSS entry's output after the entry; the server serves it as portal.css.
copyFileSync(join(out, "portal-css.css"), join(out, "portal.css"))

copyFileSync(join(root, "apps/portal/browser/favicon.svg"), join(out, "favicon.svg"))

// The proof-of-work widget's worker runs as a file of its own (CSP `worker-src 'self'`).
const require = createRequire(import.meta.url)
const altchaDir = dirname(require.resolve("altcha/external"))
copyFileSync(join(altchaDir, "worker.js"), join(out, "altcha-worker.js"))
