import { execFileSync } from "node:child_process"

// The CLI tests and the two-process contract tests run the compiled JavaScript, as users do.
export default function setup() {
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" })
}
