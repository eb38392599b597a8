import { defineConfig } from "vitest/config"

// One project per kind of test, selected by folder, so `vitest run --project contract` runs one kind.
const project = (name: string, extra: { testTimeout?: number } = {}) => ({
  extends: true as const,
  test: { name, include: [`tests/${name}/**/*.test.ts`], ...extra },
})

export default defineConfig({
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      project("unit"),
      project("property", { testTimeout: 60_000 }),
      project("contract", { testTimeout: 60_000 }),
      project("http"),
      project("cli", { testTimeout: 60_000 }),
    ],
  },
})
