#!/usr/bin/env node
// The layers may only depend inwards: domain ← application ← adapters ← apps (ARCHITECTURE §1).
// Fails (exit 1) naming every import that points the wrong way. Runs in CI.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve, sep } from "node:path"

const root = resolve(process.argv[2] ?? ".")
const layers = ["domain", "application", "adapters", "apps"]

// What each layer may import: other layers (by folder) and packages (by name; node: built-ins included).
const rules = {
  domain: { layers: ["domain"], packages: (name) => name === "effect" },
  application: { layers: ["domain", "application"], packages: (name) => name === "effect" },
  adapters: { layers: ["domain", "application", "adapters"], packages: () => true },
  apps: { layers: ["domain", "application", "adapters", "apps"], packages: () => true },
  tests: { layers: ["domain", "application", "adapters", "apps", "tests"], packages: () => true },
  bench: { layers: ["domain", "application", "adapters", "apps", "tests", "bench"], packages: () => true },
}

// The vault client library runs unchanged in Node and in browsers and ships to customer apps: it
// may import only its own files and these packages (no node: modules, no effect, no other layer).
const clientFolder = join("apps", "vault-client")
const clientPackages = ["pdf-lib", "@pdf-lib/fontkit", "fast-png", "qrcode"]

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist") return []
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [path] : []
  })

const importPattern =
  /(?:^|[\n;])\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|[\n;])\s*import\s+["']([^"']+)["']/g
const packageName = (spec) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]

const violations = []
for (const folder of Object.keys(rules)) {
  const dir = join(root, folder)
  try {
    statSync(dir)
  } catch {
    continue
  }
  for (const file of files(dir)) {
    const text = readFileSync(file, "utf8")
    for (const match of text.matchAll(importPattern)) {
      const spec = match[1] ?? match[2] ?? match[3]
      const where = relative(root, file)
      if (where.startsWith(clientFolder + sep)) {
        const inside = spec.startsWith(".")
          ? !relative(join(root, clientFolder), resolve(dirname(file), spec)).startsWith("..")
          : clientPackages.includes(packageName(spec))
        if (!inside)
          violations.push(
            `${where}: apps/vault-client may import only its own files and ${clientPackages.join(", ")}, not ${spec}`,
          )
        continue
      }
      if (spec.startsWith(".")) {
        const target = relative(root, resolve(dirname(file), spec)).split(sep)[0]
        if (layers.includes(target) || target === "tests" || target === "bench") {
          if (!rules[folder].layers.includes(target))
            violations.push(`${where}: ${folder} must not import ${target} (${spec})`)
        }
      } else if (!rules[folder].packages(packageName(spec))) {
        violations.push(`${where}: ${folder} may import only effect, not ${spec}`)
      }
    }
  }
}

if (violations.length > 0) {
  console.error(
    `dependency direction: ${violations.length} violation(s)\n${violations.map((v) => `  ${v}`).join("\n")}`,
  )
  process.exit(1)
}
console.log("dependency direction: ok (domain ← application ← adapters ← apps)")
