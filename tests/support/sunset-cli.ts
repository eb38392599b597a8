// The sunset as the CLI tests drive and read it.
import { expect } from "vitest"
import { cli } from "./cli.js"

/** An ISO instant `seconds` from now, with its zone, as `sunset schedule --at` takes it. */
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString()

/** The Password Manager's lifecycle events, as `events tail` prints them. */
export const productEvents = async (env: Record<string, string>) => {
  const tail = await cli(
    ["events", "tail", "--stream", "product-password-manager", "--limit", "100", "--json"],
    env,
  )
  expect(tail.status).toBe(0)
  return tail.stdout
    .trim()
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as { type: string })
}

/** `sunset schedule` of the Password Manager at `endsAt`, ID Protection its successor, no notice. */
export const scheduleEnd = async (env: Record<string, string>, endsAt: string) => {
  const scheduled = await cli(
    [
      "sunset",
      "schedule",
      "password-manager",
      "--at",
      endsAt,
      "--successor",
      "id-protection",
      "--notice-days",
      "0",
    ],
    env,
  )
  expect(scheduled.status).toBe(0)
  return scheduled
}
