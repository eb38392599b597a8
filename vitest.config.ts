import { defineConfig } from "vitest/config"

// One project per kind of test, selected by folder, so `vitest run --project contract` runs one kind.
const project = (name: string, extra: { testTimeout?: number } = {}) => ({
  extends: true as const,
  test: { name, include: [`tests/${name}/**/*.test.ts`], ...extra },
})

// On CI's 2-core machine, several workers can starve vitest's main process (which transforms
// every module) until a worker's report times out; one worker at a time keeps CI reliable.
const ci = process.env.CI === "true"

export default defineConfig({
  test: {
    ...(ci ? { maxWorkers: 1, minWorkers: 1 } : {}),
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      project("unit"),
      project("property", { testTimeout: 60_000 }),
      project("contract", { testTimeout: 60_000 }),
      project("http"),
      project("cli", { testTimeout: 60_000 }),
      project("browser", { testTimeout: 60_000 }),
    ],
  },
})
