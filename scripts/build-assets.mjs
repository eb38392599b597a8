#!/usr/bin/env node
// Bundles the portal's browser code and styles into dist/assets, which the server serves at /assets/.
// Part of `npm run build`; esbuild is chosen for the browser bundle (docs/decisions.md).
import { copyFileSync, mkdirSync, renameSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { build } from "esbuild"

const root = resolve(dirname(new URL(import.meta.url).pathname), "..")
const out = join(root, "dist", "assets")
mkdirSync(out, { recursive: true })

// The proof-of-work widget's build "external": its styles in a file of their own (none injected
// inline, which the CSP would refuse) and its worker loaded from a URL the page gives.
const require = createRequire(import.meta.url)
const altchaCss = require.resolve("altcha/altcha.css")

await build({
  absWorkingDir: root,
  entryPoints: {
    portal: "apps/portal/browser/portal.ts",
    "portal-css": "apps/portal/browser/portal.css",
    altcha: "apps/portal/browser/altcha.ts",
    "altcha-css": altchaCss,
    // The vault's pages, and their kit (PDF, PNG, QR codes, jsQR) loaded only when a key shows.
    "vault-settings": "apps/portal/browser/vault-settings.ts",
    "vault-open": "apps/portal/browser/vault-open.ts",
    "pm-data": "apps/portal/browser/pm-data.ts",
    "vault-kit": "apps/portal/browser/vault-kit.ts",
    // The registration token's copy button (the product instances).
    "copy-token": "apps/portal/browser/copy-token.ts",
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

// esbuild names a CSS entry's output after the entry; the server serves them as portal.css and altcha.css.
renameSync(join(out, "portal-css.css"), join(out, "portal.css"))
renameSync(join(out, "altcha-css.css"), join(out, "altcha.css"))

copyFileSync(join(root, "apps/portal/browser/favicon.svg"), join(out, "favicon.svg"))

// The proof-of-work widget's worker runs as a file of its own (CSP `worker-src 'self'`).
const altchaDir = dirname(require.resolve("altcha/external"))
copyFileSync(join(altchaDir, "worker.js"), join(out, "altcha-worker.js"))
