import { type Brand, Schema } from "effect"
import { isInstantText } from "./date-text.js"

// The one textual form: what `Date.prototype.toISOString` writes for years 0000–9999. Every point
// in time in events and commands has it, so a stored instant reads back to the same millisecond.
export { isInstantText }

/** A point in time, UTC, as `2026-12-01T09:30:00.000Z`: checked when decoded, compared as a time. */
export const Instant = Schema.String.pipe(
  Schema.filter(isInstantText, { message: () => "must be a UTC time, YYYY-MM-DDThh:mm:ss.sssZ" }),
  Schema.brand("Instant"),
  Schema.annotations({
    identifier: "Instant",
    title: "Instant",
    description: "A point in time in UTC, ISO 8601 with milliseconds.",
    examples: ["2026-12-01T09:30:00.000Z" as string & Brand.Brand<"Instant">],
    jsonSchema: { type: "string", format: "date-time" },
    arbitrary: () => (fc) =>
      fc
        .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
        .map((millis) => new Date(millis).toISOString() as string & Brand.Brand<"Instant">),
  }),
)
export type Instant = typeof Instant.Type

export const instantFromMillis = (millis: number): Instant => new Date(millis).toISOString() as Instant

export const instantFromDate = (date: Date): Instant => instantFromMillis(date.getTime())

export const toMillis = (instant: Instant): number => Date.parse(instant)

export const plusMillis = (instant: Instant, millis: number): Instant =>
  instantFromMillis(toMillis(instant) + millis)

export const isBefore = (a: Instant, b: Instant): boolean => toMillis(a) < toMillis(b)

export const isAfter = (a: Instant, b: Instant): boolean => toMillis(a) > toMillis(b)

/** Negative when `a` is earlier, 0 when equal, positive when later. */
export const compareInstants = (a: Instant, b: Instant): number => toMillis(a) - toMillis(b)

/** Milliseconds from `from` to `to` (negative when `to` is earlier). */
export const millisBetween = (from: Instant, to: Instant): number => toMillis(to) - toMillis(from)
