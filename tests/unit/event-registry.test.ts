import { readdirSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"
import { eventFamilies } from "../../domain/event-registry.js"

const domainFiles = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? domainFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  )

// What makeEventCodec answers, recognised by its shape.
const isCodec = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as { types?: unknown }).types) &&
  typeof (value as { encode?: unknown }).encode === "function" &&
  typeof (value as { decode?: unknown }).decode === "function" &&
  typeof (value as { knows?: unknown }).knows === "function"

describe("event registry", () => {
  it("holds every event codec that domain/ exports", async () => {
    const registered = new Set<unknown>(Object.values(eventFamilies))
    const missing: Array<string> = []
    let found = 0
    for (const file of domainFiles("domain")) {
      const module: Record<string, unknown> = await import(`../../${file.replace(/\.ts$/, ".js")}`)
      for (const [name, value] of Object.entries(module)) {
        if (!isCodec(value)) continue
        found++
        if (!registered.has(value)) missing.push(`${relative(".", file)}: ${name}`)
      }
    }
    expect(missing).toEqual([])
    // The scan itself works: it finds at least the registered codecs.
    expect(found).toBeGreaterThanOrEqual(registered.size)
  })

  it("gives each event type to one family only, as the log's type column is shared", () => {
    const owners = new Map<string, Array<string>>()
    for (const [family, codec] of Object.entries(eventFamilies))
      for (const type of codec.types) owners.set(type, [...(owners.get(type) ?? []), family])
    expect([...owners].filter(([, families]) => families.length > 1)).toEqual([])
    expect(owners.size).toBeGreaterThan(0)
  })
})
