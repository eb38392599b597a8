import { execFileSync } from "node:child_process"

// The CLI tests and the two-process contract tests run the compiled JavaScript, as users do; the
// portal serves the browser bundle and styles that the asset build writes to dist/assets.
export default function setup() {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" })
  execFileSync("node", ["scripts/build-assets.mjs"], { stdio: "inherit" })
}
